using Squadra.Api.Data;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;

namespace Squadra.Api.Features.Invitations;

internal sealed record InvitationRow(
    Guid Id, Guid TeamId, string TeamName,
    Guid InviterId, string InviterUsername, string InviterDisplayName,
    Guid? InviteeId, string? InviteeUsername, string? InviteeDisplayName,
    string Status, DateTime CreatedAt, string? Email)
{
    public const string Select = """
        SELECT i.id, i.team_id AS TeamId, t.name AS TeamName,
               i.inviter_id AS InviterId, r.username AS InviterUsername, r.display_name AS InviterDisplayName,
               i.invitee_id AS InviteeId, e.username AS InviteeUsername, e.display_name AS InviteeDisplayName,
               i.status, i.created_at AS CreatedAt, i.email
        FROM invitations i
        JOIN teams t ON t.id = i.team_id
        JOIN users r ON r.id = i.inviter_id
        LEFT JOIN users e ON e.id = i.invitee_id
        """;

    public InvitationDto ToDto() => new(
        Id.ToString(), TeamId.ToString(), TeamName,
        new UserDto(InviterId.ToString(), InviterUsername, InviterDisplayName),
        InviteeId is null ? null : new UserDto(InviteeId.Value.ToString(), InviteeUsername!, InviteeDisplayName!),
        Status, Instants.Utc(CreatedAt), Email);
}
