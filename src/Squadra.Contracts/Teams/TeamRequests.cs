namespace Squadra.Contracts.Teams;

public sealed record CreateTeamRequest(string? Name, string? Description = null);

/// <summary>Only the fields present are changed.</summary>
public sealed record UpdateTeamRequest(string? Name = null, string? Description = null);

public sealed record ChangeRoleRequest(string? Role);
