using System.Text.Json.Serialization;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Typing;

/// <summary>
/// A member is typing in a team's or DM's chat. Never written anywhere: announced straight away and pushed by each
/// replica to its own connections of the other members. It carries the names so no replica reads them.
/// </summary>
internal sealed record TypingStarted(
    [property: JsonPropertyName("c")] Guid ConversationId,
    [property: JsonPropertyName("d")] bool IsDm,
    [property: JsonPropertyName("u")] Guid UserId,
    [property: JsonPropertyName("n")] string Username,
    [property: JsonPropertyName("dn")] string DisplayName) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Conversation(ConversationId)];
}
