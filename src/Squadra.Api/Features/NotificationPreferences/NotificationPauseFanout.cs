using Squadra.Api.Realtime;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.NotificationPreferences;

/// <summary>
/// Tells every connection of the user on this replica that their notifications were paused or resumed. A push lost with
/// a crashed replica is not swept: every client reads <c>pausedUntil</c> again after a reconnect.
/// </summary>
internal sealed class NotificationPauseFanout(UserConnections user) : IFanoutHandler<NotificationsPauseChanged>
{
    public Task HandleAsync(NotificationsPauseChanged changed, CancellationToken ct) =>
        user.SendAsync(changed.UserId, RealtimeMethods.NotificationsPaused, new NotificationsPausedPush(changed.Until), ct);
}
