namespace Squadra.Contracts.Invitations;

public sealed record InviteRequest(string? Username);
