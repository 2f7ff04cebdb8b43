using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Invitations;

/// <summary>GET /api/join/{token}: what an emailed invitation's link shows before anyone signs in.</summary>
public sealed record JoinLinkDto(string TeamName, UserDto Inviter, string Email);
