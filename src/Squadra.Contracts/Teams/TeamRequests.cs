namespace Squadra.Contracts.Teams;

/// <summary><see cref="Language"/>: absent is <see cref="TeamLanguages.Simple"/>.</summary>
public sealed record CreateTeamRequest(string? Name, string? Description = null, string? Language = null);

/// <summary>Only the fields present are changed.</summary>
public sealed record UpdateTeamRequest(string? Name = null, string? Description = null, string? Language = null);

public sealed record ChangeRoleRequest(string? Role);
