namespace Squadra.Contracts.NotificationPreferences;

/// <summary>Whether one kind of notification reaches the user by push (each subscribed device) and by email.</summary>
public sealed record ChannelChoice(bool Push, bool Email);

/// <summary>
/// GET and PATCH /api/me/notification-preferences: per kind, push and email. Invitations by email go at once; mentions,
/// DMs and events by email go as one digest of what is still unread 15 minutes later. Password emails always go.
/// </summary>
public sealed record NotificationPreferencesDto(ChannelChoice Invitations, ChannelChoice Mentions, ChannelChoice DirectMessages, ChannelChoice Events)
{
    /// <summary>While set, nothing is pushed to the user and their email digest waits: the pause's end; null when not paused.</summary>
    public DateTimeOffset? PausedUntil { get; init; }
}

/// <summary>One kind's change: a channel left out (null) stays as it is.</summary>
public sealed record ChannelChange(bool? Push = null, bool? Email = null);

/// <summary>PATCH /api/me/notification-preferences: a kind left out (null) stays as it is.</summary>
public sealed record NotificationPreferencesChange(
    ChannelChange? Invitations = null, ChannelChange? Mentions = null, ChannelChange? DirectMessages = null, ChannelChange? Events = null);
