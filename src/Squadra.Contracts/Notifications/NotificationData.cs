using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Contracts.Notifications;

// The `data` of each notification type (see NotificationTypes). The contract's fields come first;
// names are added so a client can word a notification without another request.

/// <summary>invitation.received, invitation.accepted.</summary>
public sealed record InvitationNotificationData(InvitationDto Invitation);

/// <summary>member.joined.</summary>
public sealed record MemberJoinedData(MemberDto Member, string TeamName);

/// <summary>member.removed: who left or was removed.</summary>
public sealed record MemberRemovedData(string UserId, string Username, string DisplayName, string TeamName);

/// <summary>team.deleted.</summary>
public sealed record TeamDeletedData(string TeamId, string Name);

/// <summary>event.created, event.updated, event.cancelled, event.reminder.</summary>
public sealed record EventNotificationData(EventDto Event);

/// <summary>message.mentioned: the message as posted or edited.</summary>
public sealed record MessageMentionedData(MessageDto Message, string TeamName);

/// <summary>dm.message: the message as posted.</summary>
public sealed record DmMessageData(MessageDto Message);

/// <summary>message.reminder: the saved message as it is when the reminder goes off, and its team's name (null in a DM).</summary>
public sealed record MessageReminderData(MessageDto Message, string? TeamName);
