using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Invitations;

public sealed record InvitationDto(
    string Id,
    string TeamId,
    string TeamName,
    UserDto Inviter,
    UserDto Invitee,
    string Status,
    DateTimeOffset CreatedAt);
