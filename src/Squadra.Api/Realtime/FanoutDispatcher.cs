namespace Squadra.Api.Realtime;

/// <summary>
/// Hands each fan-out event to the handlers its feature registered, one event at a time and in the order the
/// queue holds them (what the announcement channel heard, interleaved with catch-ups and sweeps): a feature's pushes
/// for one team or user are therefore made in commit order. Knows no feature: routes by event type.
/// </summary>
internal sealed class FanoutDispatcher(
    IServiceProvider services,
    IEnumerable<FanoutRoute> routes,
    IEnumerable<IFanoutRecovery> recoveries,
    ILogger<FanoutDispatcher> logger)
{
    private readonly ILookup<Type, FanoutRoute> _routes = routes.ToLookup(r => r.EventType);
    private readonly IReadOnlyList<IFanoutRecovery> _recoveries = [.. recoveries];

    public async Task DispatchAsync(FanoutEvent fanoutEvent, CancellationToken ct)
    {
        switch (fanoutEvent)
        {
            case CatchUpRequested:
                foreach (var recovery in _recoveries)
                {
                    await recovery.CatchUpAsync(ct);
                }
                break;
            case SweepRequested:
                foreach (var recovery in _recoveries)
                {
                    await recovery.SweepAsync(ct);
                }
                break;
            default:
                foreach (var route in _routes[fanoutEvent.GetType()])
                {
                    // One feature's failure does not keep the event from the others.
                    try
                    {
                        await route.Handle(services, fanoutEvent, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        logger.LogError(e, "Fan-out of {Event} failed in one of its handlers", fanoutEvent.GetType().Name);
                    }
                }
                break;
        }
    }
}
