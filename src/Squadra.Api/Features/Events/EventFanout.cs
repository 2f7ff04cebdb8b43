using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Realtime;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Pushes an event's current state to the team's connections on this replica. The state is read when the
/// announcement arrives, so a push is never older than the commit it announces.
/// </summary>
internal sealed class EventFanout(EventStore events, IHubContext<RealtimeHub> hub) : IFanoutHandler<EventChanged>
{
    public async Task HandleAsync(EventChanged changed, CancellationToken ct)
    {
        if (await events.FindForEveryoneAsync(changed.TeamId, changed.EventId, ct) is { } teamEvent)
        {
            await hub.Clients.Group(HubGroups.Team(changed.TeamId)).SendAsync(RealtimeMethods.EventChanged, teamEvent, ct);
            FanoutMetrics.Pushed.WithLabels("eventChanged").Inc();
        }
    }
}
