namespace Squadra.Contracts.Presence;

/// <summary>
/// Whether a user has a live connection on any replica. <see cref="LastSeenAt"/> is when their last connection
/// closed; null while they are online, and for someone never seen since presence was kept.
/// </summary>
public sealed record PresenceDto(string UserId, bool Online, DateTimeOffset? LastSeenAt);
