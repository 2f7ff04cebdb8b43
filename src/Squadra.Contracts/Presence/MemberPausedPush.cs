namespace Squadra.Contracts.Presence;

/// <summary>
/// Server to client: someone who shares a team or DM with the user paused their notifications until
/// <see cref="Until"/>, or resumed them (null): what they are sent now, they will see later.
/// </summary>
public sealed record MemberPausedPush(string UserId, DateTimeOffset? Until);
