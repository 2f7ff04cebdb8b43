using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Realtime;
using Squadra.Contracts.Events;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Pushes an event's current state to the team's connections on this replica. The state is read when the
/// announcement arrives, so a push is never older than the commit it announces. A change to several occurrences of
/// a series is one push naming the series and the scope (a weekly series is ~52 occurrences: not 52 pushes to every
/// member); clients read the series again.
/// </summary>
internal sealed class EventFanout(EventStore events, IHubContext<RealtimeHub> hub) : IFanoutHandler<EventChanged>
{
    public async Task HandleAsync(EventChanged changed, CancellationToken ct)
    {
        if (await events.FindForEveryoneAsync(changed.TeamId, changed.EventId, ct) is { } teamEvent)
        {
            var seriesChange = changed.SeriesScope is { } scope && teamEvent.SeriesId is { } seriesId ? new SeriesChangeDto(seriesId, scope) : null;
            await hub.Clients.Group(HubGroups.Team(changed.TeamId))
                .SendAsync(RealtimeMethods.EventChanged, EventChangedPush.Of(teamEvent, seriesChange), ct);
            FanoutMetrics.Pushed.WithLabels("eventChanged").Inc();
        }
    }
}
