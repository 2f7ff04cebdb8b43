using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.DirectMessages;

/// <summary>
/// A direct message: a conversation of 2-9 people, its members fixed. <see cref="LastMessageSeq"/> is the seq of its
/// newest message (0 when none); <see cref="LastActivityAt"/> that message's time, or the DM's creation.
/// <see cref="Muted"/>: the caller muted it (no <c>dm.message</c> notification, its unread messages not counted).
/// </summary>
public sealed record DmDto(
    string Id,
    IReadOnlyList<UserDto> Members,
    long LastMessageSeq,
    long LastReadSeq,
    DateTimeOffset LastActivityAt,
    DateTimeOffset CreatedAt,
    bool Muted = false)
{
    // Held as a ValueList, so two reads of the same DM are still equal records.
    public IReadOnlyList<UserDto> Members { get; init; } = new ValueList<UserDto>(Members ?? []);
}

/// <summary>The other members (1-8): each shares a team with the caller. The caller is a member without saying so.</summary>
public sealed record CreateDmRequest(IReadOnlyList<string>? UserIds);

public static class DmRules
{
    /// <summary>At most this many people besides the caller: a group DM of 9 at most.</summary>
    public const int MaxOthers = 8;
}
