using Microsoft.Extensions.Options;

namespace Squadra.Api.Realtime;

/// <summary>
/// Asks the dispatcher, every <see cref="FanoutOptions.SweepInterval"/>, to compare what this replica pushed with what
/// is committed: announcements are hints, and one is lost when a replica dies between a commit and its send.
/// </summary>
internal sealed class FanoutSweep(FanoutQueue queue, IOptions<FanoutOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Through the listener's queue: a sweep runs in order with the live events, never beside them.
                queue.Enqueue(new SweepRequested());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
