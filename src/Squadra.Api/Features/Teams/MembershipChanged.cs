using System.Text.Json.Serialization;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Teams;

/// <summary>Users joined or left a team: their live connections move in or out of the team's group.</summary>
internal sealed record MembershipChanged(
    [property: JsonPropertyName("t")] Guid TeamId,
    [property: JsonPropertyName("j")] Guid[] Joined,
    [property: JsonPropertyName("l")] Guid[] Left) : FanoutEvent
{
    /// <summary>
    /// The users who joined or left: only their connections are concerned (they move in or out of the team's group),
    /// and a replica where one of them is connected must hear it even when nobody there is in the team yet.
    /// </summary>
    public override IReadOnlyList<FanoutTopic> Topics() => [.. Joined.Concat(Left).Distinct().Select(FanoutTopic.User)];

    public override IEnumerable<FanoutEvent> Split(int maxIds) =>
        Joined.Length + Left.Length <= maxIds
            ? [this]
            : Joined.Chunk(maxIds).Select(j => (FanoutEvent)new MembershipChanged(TeamId, j, []))
                .Concat(Left.Chunk(maxIds).Select(l => (FanoutEvent)new MembershipChanged(TeamId, [], l)));
}
