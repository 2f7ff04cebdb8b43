using System.Text.Json.Serialization;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Events;

/// <summary>
/// A team event was created, changed, cancelled or answered. With <see cref="SeriesScope"/> ("all" or "following"),
/// the change reached several occurrences of its series and this one push stands for all of them.
/// </summary>
internal sealed record EventChanged(
    [property: JsonPropertyName("t")] Guid TeamId,
    [property: JsonPropertyName("e")] Guid EventId,
    [property: JsonPropertyName("s")] string? SeriesScope = null) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Conversation(TeamId)];
}
