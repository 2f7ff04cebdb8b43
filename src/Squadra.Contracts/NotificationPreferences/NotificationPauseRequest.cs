namespace Squadra.Contracts.NotificationPreferences;

/// <summary>PUT /api/me/notification-pause: no push (and no email digest) until <see cref="Until"/>.</summary>
public sealed record NotificationPauseRequest(DateTimeOffset? Until);
