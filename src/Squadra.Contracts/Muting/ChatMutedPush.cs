namespace Squadra.Contracts.Muting;

/// <summary>
/// Pushed to every connection of a user (any replica, any device) when they muted or unmuted a chat; one of
/// <see cref="TeamId"/> and <see cref="DmId"/> is set.
/// </summary>
public sealed record ChatMutedPush(string? TeamId, string? DmId, bool Muted);
