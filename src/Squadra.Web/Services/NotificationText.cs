using Squadra.Contracts.Notifications;

namespace Squadra.Web.Services;

/// <summary>A notification as a person reads it, and where clicking it leads.</summary>
public sealed record NotificationView(string Text, string Href);

public static class NotificationText
{
    public static NotificationView Describe(NotificationDto notification, string? myUserId, KnownNames names)
    {
        var team = names.Team(notification.TeamId) ?? "a team";
        var teamHref = notification.TeamId is null ? "teams" : $"teams/{Uri.EscapeDataString(notification.TeamId)}";

        return notification.Type switch
        {
            NotificationTypes.InvitationReceived when Invitation(notification) is { } invitation =>
                new($"{invitation.Inviter.DisplayName} invited you to {invitation.TeamName}", "invitations"),
            NotificationTypes.InvitationAccepted when Invitation(notification) is { } invitation =>
                new($"{invitation.Invitee.DisplayName} accepted your invitation to {invitation.TeamName}", teamHref),
            NotificationTypes.MemberJoined when NotificationData.Read<NotificationData.MemberJoined>(notification) is { Member: { } member } joined =>
                new($"{member.DisplayName} joined {joined.TeamName ?? team}", teamHref),
            NotificationTypes.MemberRemoved when NotificationData.Read<NotificationData.MemberRemoved>(notification) is { UserId: { } userId } removed =>
                userId == myUserId
                    ? new($"You were removed from {removed.TeamName ?? team}", "teams")
                    : new($"{removed.DisplayName ?? names.User(userId) ?? "A member"} is no longer in {removed.TeamName ?? team}", teamHref),
            NotificationTypes.TeamDeleted =>
                new($"{NotificationData.Read<NotificationData.TeamDeleted>(notification)?.Name ?? team} was deleted", "teams"),
            NotificationTypes.EventCreated or NotificationTypes.EventUpdated or NotificationTypes.EventCancelled or NotificationTypes.EventReminder =>
                DescribeEvent(notification, team, teamHref),
            _ => new($"Something changed in {team}", teamHref),
        };
    }

    // Only the event's title is read: the bell needs nothing else of the events feature.
    static NotificationView DescribeEvent(NotificationDto notification, string team, string teamHref)
    {
        var title = NotificationData.Read<NotificationData.EventData>(notification)?.Event?.Title ?? "An event";
        return notification.Type switch
        {
            NotificationTypes.EventCreated => new($"New event in {team}: {title}", teamHref),
            NotificationTypes.EventUpdated => new($"{title} in {team} was changed", teamHref),
            NotificationTypes.EventCancelled => new($"{title} in {team} was cancelled", teamHref),
            _ => new($"{title} in {team} starts soon", teamHref),
        };
    }

    static Contracts.Invitations.InvitationDto? Invitation(NotificationDto notification) =>
        NotificationData.Read<NotificationData.InvitationData>(notification)?.Invitation;

    /// <summary>"just now", "5 min ago", "3 h ago", then the date.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        return elapsed.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => $"{(int)elapsed.TotalMinutes} min ago",
            < 24 * 60 => $"{(int)elapsed.TotalHours} h ago",
            < 7 * 24 * 60 => $"{(int)elapsed.TotalDays} d ago",
            _ => then.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
