using System.Text.Json.Serialization;
using Squadra.Api.Realtime;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// A chat message was posted (or, with <see cref="Updated"/>, edited or deleted). It carries the
/// message itself when that fits in a NOTIFY payload, so replicas need not read it back.
/// </summary>
internal sealed record MessageCommitted(
    [property: JsonPropertyName("t")] Guid TeamId,
    [property: JsonPropertyName("s")] long Seq,
    [property: JsonPropertyName("u")] bool Updated,
    [property: JsonPropertyName("m")] MessageDto? Message) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Conversation(TeamId)];

    /// <summary>A long message is announced by its seq alone; each replica then reads it once.</summary>
    public override FanoutEvent? WithoutContent() => Message is null ? null : this with { Message = null };
}

/// <summary>Not sent over NOTIFY: the wait of <see cref="ChatFanout"/> for a team's missing announcement is over.</summary>
internal sealed record HoleWaitOver(Guid TeamId) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [];
}
