using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Realtime;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.Presence;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.NotificationPreferences;

/// <summary>
/// Tells every connection of the user on this replica that their notifications were paused or resumed
/// (<c>notificationsPaused</c>), and the connections here of the people they share a team or DM with
/// (<c>memberPaused</c>; someone in two of those chats may hear it twice, which sets the same state). A push lost with a
/// crashed replica is not swept: every client reads <c>pausedUntil</c> again after a reconnect.
/// </summary>
internal sealed class NotificationPauseFanout(UserConnections user, IHubContext<RealtimeHub> hub) : IFanoutHandler<NotificationsPauseChanged>
{
    public Task HandleAsync(NotificationsPauseChanged changed, CancellationToken ct)
    {
        var sends = new List<Task>();
        if (changed.TellsUser)
        {
            sends.Add(user.SendAsync(changed.UserId, RealtimeMethods.NotificationsPaused, new NotificationsPausedPush(changed.Until), ct));
        }
        if (changed.ConversationIds.Length > 0)
        {
            sends.Add(hub.Clients.Groups([.. changed.ConversationIds.Select(HubGroups.Team)])
                .SendAsync(RealtimeMethods.MemberPaused, new MemberPausedPush(changed.UserId.ToString(), changed.Until), ct));
        }
        return Task.WhenAll(sends);
    }
}
