using Squadra.Api.Realtime;

namespace Squadra.Api.Features.ReadState;

/// <summary>A user's read state of a team's or DM's chat moved forward to <paramref name="Seq"/>; their connections everywhere are told.</summary>
internal sealed record ReadStateChanged(Guid UserId, Guid ConversationId, bool IsDm, long Seq) : FanoutEvent
{
    /// <summary>Only the reader's own connections are told.</summary>
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.User(UserId)];
}
