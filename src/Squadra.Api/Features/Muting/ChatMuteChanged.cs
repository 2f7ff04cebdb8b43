using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Muting;

/// <summary>A user muted or unmuted a team's or DM's chat; their connections everywhere are told.</summary>
internal sealed record ChatMuteChanged(Guid UserId, Guid ConversationId, bool IsDm, bool Muted) : FanoutEvent
{
    /// <summary>Only the user's own connections are told: nobody else learns who muted what.</summary>
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.User(UserId)];
}
