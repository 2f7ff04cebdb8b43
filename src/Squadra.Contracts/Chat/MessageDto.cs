using System.Text.Json.Serialization;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Attachments;

namespace Squadra.Contracts.Chat;

/// <summary>
/// A chat message of a team (<see cref="TeamId"/>) or a direct message (<see cref="DmId"/>; then TeamId is null);
/// <see cref="Seq"/> numbers a team's or a DM's messages 1, 2, 3... with no gaps. <see cref="Reactions"/> are in
/// the order of first use, never null (empty on a deleted message). <see cref="Revision"/> counts the changes made to
/// the message (edits, deletion, reactions, replies to it), so a client keeps the latest state whatever order answers and pushes arrive in.
/// </summary>
public sealed record MessageDto(
    string Id,
    string? TeamId,
    long Seq,
    UserDto Author,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted)
{
    /// <summary>The direct message it belongs to; null for team chat.</summary>
    public string? DmId { get; init; }

    /// <summary>The team's or the DM's id: what seq, change numbers and catch-up are counted per.</summary>
    [JsonIgnore]
    public string ConversationId => DmId ?? TeamId ?? "";

    // Held as a ValueList, so two reads of the same message are still equal records.
    private readonly IReadOnlyList<ReactionDto> _reactions = new ValueList<ReactionDto>([]);

    public IReadOnlyList<ReactionDto> Reactions { get => _reactions; init => _reactions = new ValueList<ReactionDto>(value ?? []); }

    public long Revision { get; init; }

    /// <summary>
    /// The team's change number of the message's latest change (its post, an edit, the deletion, a reaction). Changes
    /// become visible in that order, so a client that has seen change N misses nothing asking <c>changedAfter=N</c>.
    /// </summary>
    public long ChangeSeq { get; init; }

    private readonly IReadOnlyList<string> _mentions = new ValueList<string>([]);

    /// <summary>The ids of the current members the body mentions by @username, in the order of first mention; never the author.</summary>
    public IReadOnlyList<string> Mentions { get => _mentions; init => _mentions = new ValueList<string>(value ?? []); }

    /// <summary>"@all" from an owner or admin: the message mentions every member.</summary>
    public bool MentionsAll { get; init; }

    /// <summary>The root of the thread this message replies in; null for a top-level message.</summary>
    public string? ThreadRootId { get; init; }

    /// <summary>A root's replies (deleted ones included: they stay in the thread as deleted); 0 for any other message.</summary>
    public int ReplyCount { get; init; }

    /// <summary>When the root's last reply was posted; null until it has one.</summary>
    public DateTimeOffset? LastReplyAt { get; init; }

    /// <summary>The poll the message asks (its body the question); null for any other message and once deleted.</summary>
    public PollDto? Poll { get; init; }

    /// <summary>When the message was pinned for everyone in its chat; null when it is not pinned.</summary>
    public DateTimeOffset? PinnedAt { get; init; }

    /// <summary>The id of the member who pinned it; null when it is not pinned, or their account was deleted.</summary>
    public string? PinnedBy { get; init; }

    private readonly IReadOnlyList<AttachmentDto> _attachments = new ValueList<AttachmentDto>([]);

    /// <summary>The files posted with the message, in the order they were given; never null (empty on a deleted message).</summary>
    public IReadOnlyList<AttachmentDto> Attachments { get => _attachments; init => _attachments = new ValueList<AttachmentDto>(value ?? []); }
}
