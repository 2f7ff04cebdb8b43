using System.Text.Json;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Services;

/// <summary>
/// The <c>data</c> of each notification type, as spec/api.md "Notifications" gives it. Fields the API may add
/// later (a team's name beside its id) are read when present.
/// </summary>
public static class NotificationData
{
    public sealed record InvitationData(InvitationDto? Invitation);

    public sealed record MemberJoined(MemberDto? Member, string? TeamName);

    public sealed record MemberRemoved(string? UserId, string? Username, string? DisplayName, string? TeamName);

    public sealed record TeamDeleted(string? TeamId, string? Name);

    /// <summary>The event.* types: only the title is read here.</summary>
    public sealed record EventData(EventTitle? Event);

    public sealed record EventTitle(string? Title);

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

    /// <summary>The user a member.removed is about, or null for another type.</summary>
    public static string? RemovedUserId(NotificationDto notification) =>
        notification.Type == NotificationTypes.MemberRemoved ? Read<MemberRemoved>(notification)?.UserId : null;
}
