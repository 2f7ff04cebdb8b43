using Squadra.Contracts.Accounts;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.Notifications;

namespace Squadra.Web.Features.Teams;

/// <summary>
/// Names of teams and people seen during this session, so a notification that carries only an id can still be
/// read as a sentence, even about a team the user has just left.
/// </summary>
public sealed class KnownNames : IUserScoped
{
    readonly Dictionary<string, string> _teams = [];
    readonly Dictionary<string, string> _users = [];

    public string? Team(string? teamId) => teamId is not null && _teams.TryGetValue(teamId, out var name) ? name : null;

    public string? User(string? userId) => userId is not null && _users.TryGetValue(userId, out var name) ? name : null;

    public void Learn(TeamDto team)
    {
        _teams[team.Id] = team.Name;
        foreach (var member in team.Members ?? [])
            Learn(member);
    }

    public void Learn(MemberDto member) => _users[member.UserId] = member.DisplayName;

    public void Learn(UserDto user) => _users[user.Id] = user.DisplayName;

    public void Learn(DmDto dm)
    {
        foreach (var member in dm.Members)
            Learn(member);
    }

    public void LearnTeam(string teamId, string name) => _teams[teamId] = name;

    public void Learn(NotificationDto notification)
    {
        switch (notification.Type)
        {
            case NotificationTypes.InvitationReceived or NotificationTypes.InvitationAccepted
                when NotificationData.Read<InvitationNotificationData>(notification)?.Invitation is { } invitation:
                LearnTeam(invitation.TeamId, invitation.TeamName);
                Learn(invitation.Inviter);
                if (invitation.Invitee is not null)
                    Learn(invitation.Invitee);
                break;
            case NotificationTypes.MemberJoined when NotificationData.Read<MemberJoinedData>(notification) is { Member: { } member } joined:
                Learn(member);
                if (notification.TeamId is not null && joined.TeamName is not null)
                    LearnTeam(notification.TeamId, joined.TeamName);
                break;
            // Every event.* type (NotificationData.IsAboutAnEvent) carries the event, with its creator.
            case var _ when NotificationData.Event(notification)?.CreatedBy is { } creator:
                Learn(creator);
                break;
            case NotificationTypes.MessageMentioned when NotificationData.Read<MessageMentionedData>(notification) is { Message: { } message } mentioned:
                if (message.Author is not null)
                    Learn(message.Author);
                if (mentioned.TeamName is not null && message.TeamId is not null)
                    LearnTeam(message.TeamId, mentioned.TeamName);
                break;
            case NotificationTypes.MessageReminder when NotificationData.Read<MessageReminderData>(notification) is { Message: { } message } reminder:
                if (message.Author is not null)
                    Learn(message.Author);
                if (reminder.TeamName is not null && message.TeamId is not null)
                    LearnTeam(message.TeamId, reminder.TeamName);
                break;
            case NotificationTypes.DmMessage when NotificationData.Read<DmMessageData>(notification)?.Message?.Author is { } author:
                Learn(author);
                break;
            case NotificationTypes.TeamDeleted when NotificationData.Read<TeamDeletedData>(notification) is { TeamId: { } id, Name: { } name }:
                LearnTeam(id, name);
                break;
        }
    }

    public void Reset(string? userId)
    {
        _teams.Clear();
        _users.Clear();
    }
}
