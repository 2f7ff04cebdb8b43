namespace Squadra.Contracts.Teams;

/// <summary>
/// A team as the caller sees it: <see cref="Role"/> is the caller's own role. <see cref="LastMessageSeq"/>
/// is the seq of the team's newest chat message (0 when none), so a client can count what it has not read.
/// </summary>
public sealed record TeamDto(
    string Id,
    string Name,
    string Description,
    string Role,
    int MemberCount,
    DateTimeOffset CreatedAt,
    IReadOnlyList<MemberDto>? Members = null,
    long LastMessageSeq = 0);
