using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Saved;

/// <summary>A user saved or unsaved a message, or its reminder changed or went off; their connections everywhere are told.</summary>
internal sealed record MessageSaveChanged(Guid UserId, Guid MessageId, bool Saved, DateTimeOffset? RemindAt = null) : FanoutEvent
{
    /// <summary>Only the user's own connections are told: nobody else learns what they saved.</summary>
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.User(UserId)];
}
