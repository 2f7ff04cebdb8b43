using System.Text.Json.Serialization;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Realtime;

/// <summary>
/// What a committed transaction announces on the fan-out channel (<see cref="Announcer"/>, after the commit). It
/// names rows, it does not carry them: each replica reads the rows once for all of its own connections.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "k")]
[JsonDerivedType(typeof(NotificationsCommitted), "n")]
[JsonDerivedType(typeof(MembershipChanged), "m")]
[JsonDerivedType(typeof(MessageCommitted), "c")]
[JsonDerivedType(typeof(EventChanged), "e")]
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

/// <summary>
/// A chat message was posted (or, with <see cref="Updated"/>, edited or deleted). It carries the
/// message itself when that fits in a NOTIFY payload, so replicas need not read it back.
/// </summary>
internal sealed record MessageCommitted(
    [property: JsonPropertyName("t")] Guid TeamId,
    [property: JsonPropertyName("s")] long Seq,
    [property: JsonPropertyName("u")] bool Updated,
    [property: JsonPropertyName("m")] MessageDto? Message) : FanoutEvent;

/// <summary>Not sent over NOTIFY: queued by the listener after it reconnected, so catching up runs in order with live events.</summary>
internal sealed record CatchUpRequested : FanoutEvent;

/// <summary>Not sent over NOTIFY: queued by <see cref="FanoutSweep"/>; finds what was committed but never announced.</summary>
internal sealed record SweepRequested : FanoutEvent;

/// <summary>Not sent over NOTIFY: the dispatcher's wait for a team's missing announcement is over.</summary>
internal sealed record HoleWaitOver(Guid TeamId) : FanoutEvent;

/// <summary>A team event was created, changed, cancelled or answered.</summary>
internal sealed record EventChanged(
    [property: JsonPropertyName("t")] Guid TeamId,
    [property: JsonPropertyName("e")] Guid EventId) : FanoutEvent;
