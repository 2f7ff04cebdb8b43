namespace Squadra.Api.Realtime;

/// <summary>
/// What a committed transaction announces on the fan-out channel (<see cref="Announcer"/>, after the commit). It
/// names rows, it does not carry them: each replica reads the rows once for all of its own connections. Each
/// feature defines its own events beside its handlers and registers them (<see cref="FanoutRegistration"/>).
/// </summary>
internal abstract record FanoutEvent
{
    /// <summary>
    /// Whom this event concerns: a broker channel (<see cref="NatsAnnouncementChannel"/>) sends it only to the replicas
    /// with a connection in one of these topics. A method, not a property, so it never lands in the JSON payload.
    /// Every feature event says it; events that are never announced (queued by this replica for itself) have none.
    /// </summary>
    public abstract IReadOnlyList<FanoutTopic> Topics();

    /// <summary>
    /// This event as payloads of at most <paramref name="maxIds"/> ids each (a NOTIFY payload must stay under 8000
    /// bytes). Events naming many rows split themselves; the others are one payload.
    /// </summary>
    public virtual IEnumerable<FanoutEvent> Split(int maxIds) => [this];

    /// <summary>A smaller form of this event for when its payload is too large (a long message without its body), or null.</summary>
    public virtual FanoutEvent? WithoutContent() => null;
}

/// <summary>Not announced: queued by the channel after it (re)connected, so catching up runs in order with live events.</summary>
internal sealed record CatchUpRequested : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [];
}

/// <summary>Not announced: queued by <see cref="FanoutSweep"/>; finds what was committed but never announced.</summary>
internal sealed record SweepRequested : FanoutEvent
{
    public override IReadOnlyList<FanoutTopic> Topics() => [];
}
