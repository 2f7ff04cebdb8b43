namespace Squadra.Api.Realtime;

/// <summary>
/// Runs the chosen <see cref="IAnnouncementChannel"/>'s receiving and works through <see cref="FanoutQueue"/>: what the
/// channel heard, in order with this replica's own catch-ups and sweeps, each handed to <see cref="FanoutDispatcher"/>.
/// </summary>
internal sealed class FanoutReception(
    IAnnouncementChannel channel,
    FanoutDispatcher dispatcher,
    FanoutQueue events,
    ILogger<FanoutReception> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatching = DispatchAsync(stoppingToken);
        try
        {
            await channel.ReceiveAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        events.Complete();
        await dispatching;
    }

    private async Task DispatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var fanoutEvent in events.ReadAllAsync(ct))
            {
                try
                {
                    await dispatcher.DispatchAsync(fanoutEvent, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Fan-out of {Event} failed", fanoutEvent.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
