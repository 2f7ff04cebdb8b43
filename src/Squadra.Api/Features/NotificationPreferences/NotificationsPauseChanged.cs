using Squadra.Api.Realtime;

namespace Squadra.Api.Features.NotificationPreferences;

/// <summary>A user paused notifications until <see cref="Until"/>, or resumed them (null): their devices show it.</summary>
internal sealed record NotificationsPauseChanged(Guid UserId, DateTimeOffset? Until) : FanoutEvent
{
    /// <summary>Only the user's own connections are told.</summary>
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.User(UserId)];
}
