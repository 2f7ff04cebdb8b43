namespace Squadra.Api.Realtime;

/// <summary>
/// What a committed transaction announces on the fan-out channel (<see cref="Announcer"/>, after the commit). It
/// names rows, it does not carry them: each replica reads the rows once for all of its own connections. Each
/// feature defines its own events beside its handlers and registers them (<see cref="FanoutRegistration"/>).
/// </summary>
internal abstract record FanoutEvent
{
    /// <summary>
    /// This event as payloads of at most <paramref name="maxIds"/> ids each (a NOTIFY payload must stay under 8000
    /// bytes). Events naming many rows split themselves; the others are one payload.
    /// </summary>
    public virtual IEnumerable<FanoutEvent> Split(int maxIds) => [this];

    /// <summary>A smaller form of this event for when its payload is too large (a long message without its body), or null.</summary>
    public virtual FanoutEvent? WithoutContent() => null;
}

/// <summary>Not sent over NOTIFY: queued by the listener after it reconnected, so catching up runs in order with live events.</summary>
internal sealed record CatchUpRequested : FanoutEvent;

/// <summary>Not sent over NOTIFY: queued by <see cref="FanoutSweep"/>; finds what was committed but never announced.</summary>
internal sealed record SweepRequested : FanoutEvent;
