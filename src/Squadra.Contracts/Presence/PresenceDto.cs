namespace Squadra.Contracts.Presence;

/// <summary>
/// Whether a user has a live connection on any replica. <see cref="LastSeenAt"/> is when their last connection
/// closed; null while they are online, and for someone never seen since presence was kept.
/// </summary>
public sealed record PresenceDto(string UserId, bool Online, DateTimeOffset? LastSeenAt)
{
    /// <summary>
    /// In GET /api/presence: while they paused their notifications, when the pause ends (they will see what is sent to
    /// them then); null otherwise. The <c>presence</c> pushes leave it out: <c>memberPaused</c> tells of its changes.
    /// </summary>
    public DateTimeOffset? PausedUntil { get; init; }
}
