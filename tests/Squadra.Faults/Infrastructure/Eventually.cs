namespace Squadra.Faults.Infrastructure;

/// <summary>Polls a condition until it holds or the time is up: the fault tests' one way to wait for the system to heal.</summary>
public static class Eventually
{
    public static Task<bool> HoldsAsync(Func<bool> probe, TimeSpan timeout) => HoldsAsync(() => Task.FromResult(probe()), timeout);

    public static async Task<bool> HoldsAsync(Func<Task<bool>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }
}
