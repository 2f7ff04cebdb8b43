namespace Squadra.Contracts.NotificationPreferences;

/// <summary>
/// Pushed to every connection of a user (any replica, any device) when they paused notifications, moved the pause's
/// end or resumed them (<see cref="Until"/> null).
/// </summary>
public sealed record NotificationsPausedPush(DateTimeOffset? Until);
