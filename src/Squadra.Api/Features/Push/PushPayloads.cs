using System.Text.Json;
using Squadra.Api.Features.NotificationPreferences;
using Squadra.Api.Features.Notifications;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Push;

namespace Squadra.Api.Features.Push;

/// <summary>
/// Which notifications reach the user's browsers, and how they read there: as the web app's notification centre words
/// them (src/Squadra.Web/Features/Notifications/NotificationText.cs), plain and short for a system notification, with
/// the page the centre would open. The server does not know the reader's time zone, so event times are left out.
/// </summary>
internal static class PushPayloads
{
    private const int PreviewLength = 100;

    public static bool IsPushed(string type) => NotificationKinds.Of(type) is not null;

    /// <summary>The payload of <paramref name="notification"/>; <paramref name="teamName"/> is its team's, for the event types (their data names none).</summary>
    public static PushPayload? For(WrittenNotification notification, string? teamName)
    {
        var team = teamName ?? "your team";
        switch (notification.Type)
        {
            case NotificationTypes.InvitationReceived when Read<InvitationNotificationData>(notification)?.Invitation is { } invitation:
                return new(notification.Type, $"Invitation to {invitation.TeamName}",
                    $"{invitation.Inviter.DisplayName} invited you to join {invitation.TeamName}.", "/invitations");
            case NotificationTypes.MessageMentioned when Read<MessageMentionedData>(notification) is { Message: { } message } mentioned:
                // The chat opened at the message, as the notification centre opens it (?message=seq).
                return new(notification.Type, $"{message.Author.DisplayName} mentioned you in {mentioned.TeamName}", Preview(message.Body),
                    $"/teams/{Uri.EscapeDataString(message.TeamId ?? notification.TeamId.ToString()!)}?message={message.Seq}");
            case NotificationTypes.DmMessage when Read<DmMessageData>(notification)?.Message is { DmId: not null } message:
                return new(notification.Type, message.Author.DisplayName, Preview(message.Body), MessageUrl(message));
            case NotificationTypes.MessageReminder when Read<MessageReminderData>(notification) is { Message: { } message } reminder:
                return new(notification.Type, reminder.TeamName is { } teamOfMessage ? $"Reminder: {message.Author.DisplayName} in {teamOfMessage}" : $"Reminder: {message.Author.DisplayName}",
                    Preview(message.Body), MessageUrl(message));
            case { } type when type.StartsWith("event.", StringComparison.Ordinal) && Read<EventNotificationData>(notification)?.Event is { } @event:
                var url = $"/teams/{Uri.EscapeDataString(@event.TeamId)}/calendar?event={Uri.EscapeDataString(@event.Id)}";
                var title = string.IsNullOrWhiteSpace(@event.Title) ? "An event" : @event.Title;
                return type switch
                {
                    NotificationTypes.EventCreated => new(type, $"New event in {team}", title, url),
                    NotificationTypes.EventUpdated => new(type, $"Event changed in {team}", title, url),
                    NotificationTypes.EventCancelled => new(type, $"Event cancelled in {team}", title, url),
                    NotificationTypes.EventReminder => new(type, $"Reminder: {title}", $"Starts soon, in {team}.", url),
                    NotificationTypes.EventPromoted => new(type, "A place opened: you're going", $"{title}, in {team}", url),
                    // Answered in the app, which the buttons open with the answer: the service worker has no sign-in of its own.
                    NotificationTypes.EventRsvpRequested => new(type, "Are you coming?", $"{title}, in {team}", url,
                        [new(EventRules.RsvpGoing, "Going", $"{url}&rsvp={EventRules.RsvpGoing}"),
                         new(EventRules.RsvpDeclined, "Can't go", $"{url}&rsvp={EventRules.RsvpDeclined}")]),
                    _ => new(type, $"Event in {team}", title, url),
                };
            default:
                return null;
        }
    }

    /// <summary>The chat opened at the message, as the notification centre opens it (?message=seq).</summary>
    private static string MessageUrl(Contracts.Chat.MessageDto message) =>
        message.DmId is { } dmId
            ? $"/dms/{Uri.EscapeDataString(dmId)}?message={message.Seq}"
            : $"/teams/{Uri.EscapeDataString(message.TeamId ?? "")}?message={message.Seq}";

    private static T? Read<T>(WrittenNotification notification)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(notification.Data, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>A message's text on one line, cut short (markdown stays as typed: a notification shows plain text).</summary>
    private static string Preview(string body)
    {
        var line = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= PreviewLength ? line : $"{line[..(PreviewLength - 1)].TrimEnd()}…";
    }
}
