using System.Text.Json.Serialization;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Presence;

// Presence is never written: each replica announces what changes among its own connected users, and every replica
// keeps the whole cluster's picture in memory (PresenceBoard) from these events, all on the one ordered fan-out channel.
// So every presence event goes to every replica (FanoutTopic.Broadcast): the only events without a narrower topic.

/// <summary>A user's first connection on <paramref name="Replica"/> opened.</summary>
internal sealed record PresenceOnline(
    [property: JsonPropertyName("r")] Guid Replica,
    [property: JsonPropertyName("u")] Guid UserId) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Broadcast];
}

/// <summary>A user's last connection on <paramref name="Replica"/> closed at <paramref name="At"/>.</summary>
internal sealed record PresenceOffline(
    [property: JsonPropertyName("r")] Guid Replica,
    [property: JsonPropertyName("u")] Guid UserId,
    [property: JsonPropertyName("a")] DateTimeOffset At) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Broadcast];
}

/// <summary>
/// <paramref name="Replica"/> is alive, with these users online on it (a digest of their ids, <see cref="LocalPresence"/>).
/// A replica not heard for a while is gone, its users with it; one whose digest differs from what a listener holds is
/// asked for its list.
/// </summary>
internal sealed record PresenceHeartbeat(
    [property: JsonPropertyName("r")] Guid Replica,
    [property: JsonPropertyName("g")] long Digest) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Broadcast];
}

/// <summary><paramref name="Replica"/> is asked for its list of online users (null: every replica is).</summary>
internal sealed record PresenceListAsked([property: JsonPropertyName("r")] Guid? Replica) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Broadcast];
}

/// <summary>
/// Part <paramref name="Part"/> of <paramref name="Parts"/> of <paramref name="Replica"/>'s list of online users, all
/// parts of one list sharing <paramref name="ListId"/>: the list replaces what listeners held for that replica.
/// </summary>
internal sealed record PresenceList(
    [property: JsonPropertyName("r")] Guid Replica,
    [property: JsonPropertyName("l")] Guid ListId,
    [property: JsonPropertyName("p")] int Part,
    [property: JsonPropertyName("n")] int Parts,
    [property: JsonPropertyName("u")] Guid[] UserIds) : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [FanoutTopic.Broadcast];

    public override IEnumerable<FanoutEvent> Split(int maxIds)
    {
        var chunks = UserIds.Chunk(maxIds).ToArray();
        if (chunks.Length <= 1)
        {
            return [this with { Part = 0, Parts = 1 }];
        }
        return chunks.Select((chunk, part) => this with { Part = part, Parts = chunks.Length, UserIds = chunk });
    }
}
