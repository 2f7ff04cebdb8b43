namespace Squadra.Api.Features.Events;

/// <summary>
/// The loop of background work (event reminders, requests for an answer, series topped up, email digests, saved
/// messages' reminders): every interval, each step again and again while it takes full batches; a failed round is
/// logged and the next one retries.
/// </summary>
internal static class BatchedSweep
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider clock, int batchSize, IReadOnlyList<Func<CancellationToken, Task<int>>> steps, ILogger logger,
        CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                foreach (var step in steps)
                {
                    while (await step(ct) == batchSize)
                    {
                        // A full batch: there may be more due right now.
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "A background sweep failed; the next one retries");
            }
        }
    }
}
