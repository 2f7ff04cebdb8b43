using System.Text.Json;
using Squadra.Api.Features.Email;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.EmailDigest;

/// <summary>The digest's wording: one line per unread notification (the first few), each saying who, where and what.</summary>
internal static class DigestEmail
{
    private const int MaxLines = 10;
    private const int ExcerptLength = 140;

    public static EmailMessage Compose(EmailOptions options, string to, string displayName, IReadOnlyList<(string Type, string Data)> unread)
    {
        var lines = unread.Take(MaxLines).Select(n => Line(n.Type, JsonDocument.Parse(n.Data).RootElement)).ToList();
        if (unread.Count > MaxLines)
        {
            lines.Add($"… and {unread.Count - MaxLines} more.");
        }
        var subject = unread.Count == 1 ? "1 unread notification on Squadra" : $"{unread.Count} unread notifications on Squadra";
        return EmailTemplate.Compose(
            to,
            subject,
            [$"Hello {displayName},", "While you were away:", .. lines],
            "Open Squadra",
            EmailTemplate.AppLink(options, "/notifications"),
            "You get this digest for what is still unread 15 minutes later. Choose what Squadra emails you on your profile page.");
    }

    private static string Line(string type, JsonElement data) => type switch
    {
        NotificationTypes.MessageMentioned =>
            $"{Author(data)} mentioned you in {Text(data, "teamName")}: “{Excerpt(data)}”",
        NotificationTypes.DmMessage => $"{Author(data)} sent you a message: “{Excerpt(data)}”",
        NotificationTypes.EventCreated => $"New event: {EventTitle(data)}",
        NotificationTypes.EventUpdated => $"Event changed: {EventTitle(data)}",
        NotificationTypes.EventCancelled => $"Event cancelled: {EventTitle(data)}",
        NotificationTypes.EventReminder => $"Coming up: {EventTitle(data)}",
        NotificationTypes.EventPromoted => $"A place freed up for you: {EventTitle(data)}",
        NotificationTypes.EventRsvpRequested => $"Are you coming? {EventTitle(data)}",
        _ => "Something new on Squadra",
    };

    private static string Author(JsonElement data) =>
        data.TryGetProperty("message", out var message) && message.TryGetProperty("author", out var author) ? Text(author, "displayName") : "Someone";

    private static string Excerpt(JsonElement data)
    {
        var body = data.TryGetProperty("message", out var message) ? Text(message, "body") : "";
        var oneLine = string.Join(' ', body.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= ExcerptLength ? oneLine : $"{oneLine[..ExcerptLength].TrimEnd()}…";
    }

    private static string EventTitle(JsonElement data) => data.TryGetProperty("event", out var @event) ? Text(@event, "title") : "an event";

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
