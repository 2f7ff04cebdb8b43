using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.NotificationPreferences;

/// <summary>The kinds a user chooses channels for, and the notification types each covers (the others reach no channel but the app).</summary>
internal enum NotificationKind
{
    Invitations,
    Mentions,
    DirectMessages,
    Events,

    /// <summary>
    /// Reminders the user set themselves (message.reminder): no choice to make, they asked for it. Pushed whenever the
    /// user allows push at all; never emailed (a reminder is about now, an email digest about what was missed).
    /// </summary>
    Reminders,
}

internal static class NotificationKinds
{
    /// <summary>The kind of a notification type; null for types that go to no channel outside the app (joined, removed…).</summary>
    public static NotificationKind? Of(string type) => type switch
    {
        NotificationTypes.InvitationReceived => NotificationKind.Invitations,
        NotificationTypes.MessageMentioned => NotificationKind.Mentions,
        NotificationTypes.DmMessage => NotificationKind.DirectMessages,
        NotificationTypes.MessageReminder => NotificationKind.Reminders,
        _ when type.StartsWith("event.", StringComparison.Ordinal) => NotificationKind.Events,
        _ => null,
    };

    /// <summary>The column of <c>user_notification_preferences</c> saying whether the kind goes by email.</summary>
    public static string EmailColumn(NotificationKind kind) => $"email_{Snake(kind)}";

    private static string Snake(NotificationKind kind) => kind switch
    {
        NotificationKind.Invitations => "invitations",
        NotificationKind.Mentions => "mentions",
        NotificationKind.DirectMessages => "direct_messages",
        NotificationKind.Events => "events",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
