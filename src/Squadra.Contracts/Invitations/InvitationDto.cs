using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Invitations;

/// <summary>
/// An invitation to a team: to a user (<see cref="Invitee"/>), or to an email address (<see cref="Email"/>; the invitee is
/// null until someone accepts through the emailed link, and is then who accepted).
/// </summary>
public sealed record InvitationDto(
    string Id,
    string TeamId,
    string TeamName,
    UserDto Inviter,
    UserDto? Invitee,
    string Status,
    DateTimeOffset CreatedAt,
    string? Email = null);
