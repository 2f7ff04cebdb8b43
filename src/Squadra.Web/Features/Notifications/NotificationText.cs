using Squadra.Contracts.Events;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Notifications;
using Squadra.Web.Features.Chat;
using Squadra.Web.Features.DirectMessages;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.Notifications;

/// <summary>A notification as a person reads it, and where clicking it leads.</summary>
public sealed record NotificationView(string Text, string Href);

public static class NotificationText
{
    /// <param name="clock">Its zone and "now" word event times ("today, 18:00"); without it, times are left out.</param>
    public static NotificationView Describe(NotificationDto notification, string? myUserId, KnownNames names, TimeProvider? clock = null)
    {
        var team = names.Team(notification.TeamId) ?? "a team";
        var teamHref = notification.TeamId is null ? "teams" : TeamLinks.Team(notification.TeamId);

        return notification.Type switch
        {
            NotificationTypes.InvitationReceived when Invitation(notification) is { } invitation =>
                new($"{invitation.Inviter.DisplayName} invited you to {invitation.TeamName}", "invitations"),
            NotificationTypes.InvitationAccepted when Invitation(notification) is { } invitation =>
                new($"{invitation.Invitee?.DisplayName ?? invitation.Email} accepted your invitation to {invitation.TeamName}", teamHref),
            NotificationTypes.MemberJoined when NotificationData.Read<MemberJoinedData>(notification) is { Member: { } member } joined =>
                new($"{member.DisplayName} joined {joined.TeamName ?? team}", teamHref),
            NotificationTypes.MemberRemoved when NotificationData.Read<MemberRemovedData>(notification) is { UserId: { } userId } removed =>
                userId == myUserId
                    ? new($"You were removed from {removed.TeamName ?? team}", "teams")
                    : new($"{removed.DisplayName ?? names.User(userId) ?? "A member"} is no longer in {removed.TeamName ?? team}", teamHref),
            NotificationTypes.MessageMentioned when NotificationData.Read<MessageMentionedData>(notification) is { Message: { } message } mentioned =>
                new($"{message.Author?.DisplayName ?? "A member"} mentioned you in {mentioned.TeamName ?? team}: {Preview(message.Body)}",
                    MessageLinks.Of(message)),
            // As a chat app's preview: who wrote and what; the DM is the author's conversation with the user.
            NotificationTypes.DmMessage when NotificationData.Read<DmMessageData>(notification) is { Message: { DmId: { } dmId } message } =>
                new($"{message.Author?.DisplayName ?? names.User(message.Author?.Id) ?? "Someone"}: {Preview(message.Body)}", DmLinks.Message(dmId, message.Seq)),
            // The user asked for it: which message, where, and its words; it opens the message in its chat.
            NotificationTypes.MessageReminder when NotificationData.Read<MessageReminderData>(notification) is { Message: { } message } reminder =>
                new($"Reminder: {message.Author?.DisplayName ?? "a member"}'s message{(reminder.TeamName is { } teamName ? $" in {teamName}" : "")}: {Preview(message.Body)}",
                    MessageLinks.Of(message)),
            NotificationTypes.TeamDeleted =>
                new($"{NotificationData.Read<TeamDeletedData>(notification)?.Name ?? team} was deleted", "teams"),
            _ when NotificationData.IsAboutAnEvent(notification) =>
                DescribeEvent(notification, team, clock),
            _ => new($"Something changed in {team}", teamHref),
        };
    }

    static NotificationView DescribeEvent(NotificationDto notification, string team, TimeProvider? clock)
    {
        var @event = NotificationData.Event(notification);
        var title = string.IsNullOrWhiteSpace(@event?.Title) ? "An event" : @event.Title;
        var teamId = notification.TeamId ?? @event?.TeamId;
        var href = teamId is null ? "teams" : TeamLinks.Calendar(teamId, @event?.Id);
        var when = When(@event, clock);
        return notification.Type switch
        {
            NotificationTypes.EventCreated => new($"New event in {team}: {title}{(when is null ? "" : $", {when}")}", href),
            NotificationTypes.EventUpdated => new($"{title} in {team} was changed{(when is null ? "" : $": {when}")}", href),
            NotificationTypes.EventCancelled => new($"{title} in {team} was cancelled", href),
            NotificationTypes.EventPromoted => new($"A place opened: you're going to {title} in {team}{(when is null ? "" : $", {when}")}", href),
            NotificationTypes.EventRsvpRequested => new($"Are you coming to {title} in {team}?{(when is null ? "" : $" {when}")}", href),
            _ => new($"Reminder: {title} in {team} starts {when ?? "soon"}", href),
        };
    }

    static string? When(EventDto? @event, TimeProvider? clock) =>
        @event is null || @event.StartsAt == default || clock is null
            ? null
            : Components.Dates.DateWords.InSentence(Components.Dates.DateWords.Moment(@event.StartsAt, clock));

    const int PreviewLength = 80;

    /// <summary>A message's text on one line, cut at <see cref="PreviewLength"/> characters (plain text: no formatting here).</summary>
    static string Preview(string? body)
    {
        var line = string.Join(' ', (body ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= PreviewLength ? line : $"{line[..(PreviewLength - 1)].TrimEnd()}…";
    }

    static InvitationDto? Invitation(NotificationDto notification) =>
        NotificationData.Read<InvitationNotificationData>(notification)?.Invitation;

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
            _ => Components.Dates.DateWords.Date(DateOnly.FromDateTime(then.UtcDateTime)),
        };
    }
}
