using System.Text.Json.Serialization;

namespace Squadra.Api.Realtime;

/// <summary>
/// What a committed transaction announces on the fan-out channel (NOTIFY). It names rows, it does not
/// carry them: each replica reads the rows once for all of its own connections.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "k")]
[JsonDerivedType(typeof(NotificationsCommitted), "n")]
[JsonDerivedType(typeof(MembershipChanged), "m")]
internal abstract record FanoutEvent;

/// <summary>Notifications (user, seq) were committed.</summary>
internal sealed record NotificationsCommitted(
    [property: JsonPropertyName("u")] Guid[] UserIds,
    [property: JsonPropertyName("s")] long[] Seqs) : FanoutEvent;

/// <summary>Users joined or left a team: their live connections move in or out of the team's group.</summary>
internal sealed record MembershipChanged(
    [property: JsonPropertyName("t")] Guid TeamId,
    [property: JsonPropertyName("j")] Guid[] Joined,
    [property: JsonPropertyName("l")] Guid[] Left) : FanoutEvent;
