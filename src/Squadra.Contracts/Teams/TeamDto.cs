namespace Squadra.Contracts.Teams;

/// <summary>A team as the caller sees it: <see cref="Role"/> is the caller's own role.</summary>
public sealed record TeamDto(
    string Id,
    string Name,
    string Description,
    string Role,
    int MemberCount,
    DateTimeOffset CreatedAt,
    IReadOnlyList<MemberDto>? Members = null);
