using System.Diagnostics;

namespace Squadra.Testing;

/// <summary>
/// Polls until something holds or the time is up: every suite's one way to wait for the system under test. In-memory
/// probes (what a hub listener received) poll every 10 ms; probes that cost a process, a query or a request poll more
/// gently (<see cref="HoldsAsync(Func{Task{bool}}, TimeSpan)"/>, <see cref="UntilAsync"/>).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan s_inMemory = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_onTheSystem = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_onADeployment = TimeSpan.FromMilliseconds(250);

    /// <summary>The first non-default value <paramref name="probe"/> returns, or default after <paramref name="timeout"/>.</summary>
    public static Task<T?> FindAsync<T>(Func<T?> probe, TimeSpan timeout) =>
        FindAsync(() => Task.FromResult(probe()), timeout);

    /// <inheritdoc cref="FindAsync{T}(Func{T}, TimeSpan)"/>
    public static Task<T?> FindAsync<T>(Func<Task<T?>> probe, TimeSpan timeout) => PollAsync(probe, timeout, s_inMemory);

    /// <summary>Whether <paramref name="probe"/> (of the system: a process, a query, a request) held within <paramref name="timeout"/>.</summary>
    public static Task<bool> HoldsAsync(Func<bool> probe, TimeSpan timeout) =>
        HoldsAsync(() => Task.FromResult(probe()), timeout);

    /// <inheritdoc cref="HoldsAsync(Func{bool}, TimeSpan)"/>
    public static Task<bool> HoldsAsync(Func<Task<bool>> probe, TimeSpan timeout) => PollAsync(probe, timeout, s_onTheSystem);

    /// <summary>Waits for a deployment's <paramref name="condition"/>; how long it took, or a <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        return await PollAsync(condition, timeout, s_onADeployment)
            ? clock.Elapsed
            : throw new TimeoutException($"{what}: not within {TimingTargets.Seconds(timeout)}");
    }

    private static async Task<T?> PollAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, TimeSpan interval)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } found && !EqualityComparer<T>.Default.Equals(found, default))
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                return default;
            }
            await Task.Delay(interval);
        }
    }
}
