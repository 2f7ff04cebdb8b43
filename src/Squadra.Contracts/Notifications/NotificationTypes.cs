namespace Squadra.Contracts.Notifications;

public static class NotificationTypes
{
    /// <summary>To the invitee. Data: <c>{invitation}</c>.</summary>
    public const string InvitationReceived = "invitation.received";

    /// <summary>To the inviter. Data: <c>{invitation}</c>.</summary>
    public const string InvitationAccepted = "invitation.accepted";

    /// <summary>To the team's other members. Data: <see cref="MemberJoinedData"/> <c>{member, teamName}</c>.</summary>
    public const string MemberJoined = "member.joined";

    /// <summary>To the removed user and the remaining members. Data: <see cref="MemberRemovedData"/> <c>{userId, username, displayName, teamName}</c>.</summary>
    public const string MemberRemoved = "member.removed";

    /// <summary>To every member but the one who deleted it. Data: <c>{teamId, name}</c>.</summary>
    public const string TeamDeleted = "team.deleted";

    /// <summary>To every member but the creator. Data: <c>{event}</c>.</summary>
    public const string EventCreated = "event.created";

    /// <summary>To every member but the editor. Data: <c>{event}</c>.</summary>
    public const string EventUpdated = "event.updated";

    /// <summary>To every member but the one who cancelled it. Data: <c>{event}</c>.</summary>
    public const string EventCancelled = "event.cancelled";

    /// <summary>To members who answered going or maybe, a while before the start. Data: <c>{event}</c>.</summary>
    public const string EventReminder = "event.reminder";

    /// <summary>To a member taken off the waitlist: a place freed and is theirs (they are going). Data: <c>{event}</c>.</summary>
    public const string EventPromoted = "event.promoted";

    /// <summary>To members who have not answered, a while before the start (once per event). Data: <c>{event}</c>.</summary>
    public const string EventRsvpRequested = "event.rsvpRequested";

    /// <summary>To each member a message mentions (by @username, or "@all" from an owner or admin) but its author, once per message. Data: <see cref="MessageMentionedData"/> <c>{message, teamName}</c>.</summary>
    public const string MessageMentioned = "message.mentioned";

    /// <summary>To each member of a direct message but the author, for every message posted there. Data: <see cref="DmMessageData"/> <c>{message}</c>.</summary>
    public const string DmMessage = "dm.message";

    /// <summary>To a user, at the instant they chose, about a message they saved (once per reminder set). Data: <see cref="MessageReminderData"/> <c>{message, teamName}</c>.</summary>
    public const string MessageReminder = "message.reminder";
}
