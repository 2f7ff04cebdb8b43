namespace Squadra.Contracts.Invitations;

/// <summary>POST /api/teams/{teamId}/invitations: a user by <see cref="Username"/>, or anyone by <see cref="Email"/> (one of the two).</summary>
public sealed record InviteRequest(string? Username, string? Email = null);
