using System.Text.Json;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;

namespace Squadra.Web.Features.Notifications;

/// <summary>
/// Reads the <c>data</c> of a notification as the record its type names (Squadra.Contracts.Notifications). A field the
/// server left out comes back null or default whatever the record says, so readers check what they use.
/// </summary>
public static class NotificationData
{
    public static T? Read<T>(NotificationDto notification) where T : class
    {
        if (notification.Data.ValueKind != JsonValueKind.Object)
            return null;

        try
        {
            return notification.Data.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsAboutMembership(NotificationDto notification) =>
        notification.Type is NotificationTypes.MemberJoined or NotificationTypes.MemberRemoved
            or NotificationTypes.InvitationAccepted or NotificationTypes.TeamDeleted;

    public static bool IsAboutAnEvent(NotificationDto notification) =>
        notification.Type is NotificationTypes.EventCreated or NotificationTypes.EventUpdated
            or NotificationTypes.EventCancelled or NotificationTypes.EventReminder
            or NotificationTypes.EventPromoted or NotificationTypes.EventRsvpRequested;

    /// <summary>An event.rsvpRequested: the notification itself offers the answers.</summary>
    public static bool AsksForAnAnswer(NotificationDto notification) => notification.Type == NotificationTypes.EventRsvpRequested;

    /// <summary>The user a member.removed is about, or null for another type.</summary>
    public static string? RemovedUserId(NotificationDto notification) =>
        notification.Type == NotificationTypes.MemberRemoved ? Read<MemberRemovedData>(notification)?.UserId : null;

    /// <summary>The event an event.* notification is about, or null for another type.</summary>
    public static EventDto? Event(NotificationDto notification) =>
        IsAboutAnEvent(notification) ? Read<EventNotificationData>(notification)?.Event : null;
}
