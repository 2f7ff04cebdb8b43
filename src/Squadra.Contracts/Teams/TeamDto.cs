namespace Squadra.Contracts.Teams;

/// <summary>
/// A team as the caller sees it: <see cref="Role"/> is the caller's own role. <see cref="LastMessageSeq"/>
/// is the seq of the team's newest chat message (0 when none) and <see cref="LastReadSeq"/> the last one the caller
/// has read on any device (0: none), so a client counts what is unread. <see cref="Language"/> is what its messages
/// are searched in (<see cref="TeamLanguages"/>). <see cref="Muted"/>: the caller muted the team's chat (its unread messages
/// are not counted for them).
/// </summary>
public sealed record TeamDto(
    string Id,
    string Name,
    string Description,
    string Role,
    int MemberCount,
    DateTimeOffset CreatedAt,
    IReadOnlyList<MemberDto>? Members = null,
    long LastMessageSeq = 0,
    long LastReadSeq = 0,
    string Language = TeamLanguages.Simple,
    bool Muted = false);
