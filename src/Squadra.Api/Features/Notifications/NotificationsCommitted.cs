using System.Text.Json.Serialization;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Notifications;

/// <summary>Notifications (user, seq) were committed.</summary>
internal sealed record NotificationsCommitted(
    [property: JsonPropertyName("u")] Guid[] UserIds,
    [property: JsonPropertyName("s")] long[] Seqs) : FanoutEvent
{
    /// <summary>Each user's: the replicas where one of them is connected.</summary>
    public override IReadOnlyList<FanoutTopic> Topics() => [.. UserIds.Distinct().Select(FanoutTopic.User)];

    public override IEnumerable<FanoutEvent> Split(int maxIds) =>
        UserIds.Length <= maxIds
            ? [this]
            : UserIds.Chunk(maxIds).Zip(Seqs.Chunk(maxIds), (u, s) => (FanoutEvent)new NotificationsCommitted(u, s));
}
