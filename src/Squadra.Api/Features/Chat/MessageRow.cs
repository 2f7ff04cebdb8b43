using System.Text.Json;
using Squadra.Api.Data;
using Squadra.Api.Features.Attachments;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Features.Chat;

internal sealed record MessageRow(
    Guid Id, Guid TeamId, long Seq, Guid AuthorId, string AuthorUsername, string AuthorDisplayName,
    string Body, DateTime CreatedAt, DateTime? EditedAt, bool Deleted, long Revision, long ChangeSeq, string Reactions,
    string Mentions, bool MentionsAll, bool InDm, Guid? ThreadRootId, int ReplyCount, DateTime? LastReplyAt,
    string Attachments, DateTime? PinnedAt, Guid? PinnedBy, string? Poll)
{
    /// <summary>
    /// The columns, from a message row aliased m joined with its author aliased u. The reactions come along as one
    /// JSON column (<see cref="MessageReactions.Aggregate"/>) and the mentions as one text column
    /// (<see cref="MessageMentions.Aggregate"/>), the attachments' metadata as one more (<see cref="MessageAttachments.Aggregate"/>)
    /// and a poll as another (<see cref="MessagePolls.Aggregate"/>), so a page of messages is still one query.
    /// </summary>
    public const string Columns = $"""
        m.id, m.team_id AS TeamId, m.seq, m.author_id AS AuthorId, u.username AS AuthorUsername,
               u.display_name AS AuthorDisplayName, m.body, m.created_at AS CreatedAt, m.edited_at AS EditedAt, m.deleted,
               m.revision, m.change_seq AS ChangeSeq, {MessageReactions.Aggregate} AS Reactions,
               {MessageMentions.Aggregate} AS Mentions, m.mentions_all AS MentionsAll, m.in_dm AS InDm,
               m.thread_root_id AS ThreadRootId, m.reply_count AS ReplyCount, m.last_reply_at AS LastReplyAt,
               {MessageAttachments.Aggregate} AS Attachments, m.pinned_at AS PinnedAt, m.pinned_by AS PinnedBy,
               {MessagePolls.Aggregate} AS Poll
        """;

    public const string Select = $"SELECT {Columns} FROM messages m JOIN users u ON u.id = m.author_id";

    /// <summary>The DTO; its attachments' urls are signed now (<paramref name="urls"/>).</summary>
    public MessageDto ToDto(AttachmentUrls urls) => new(
        Id.ToString(), InDm ? null : TeamId.ToString(), Seq,
        new UserDto(AuthorId.ToString(), AuthorUsername, AuthorDisplayName),
        Body, Instants.Utc(CreatedAt), EditedAt is null ? null : Instants.Utc(EditedAt.Value), Deleted)
    {
        DmId = InDm ? TeamId.ToString() : null,
        Revision = Revision,
        ChangeSeq = ChangeSeq,
        // A deleted message shows none (its reactions are deleted with it; this covers a row read mid-way).
        Reactions = Deleted ? [] : JsonSerializer.Deserialize<List<ReactionDto>>(Reactions, JsonSerializerOptions.Web) ?? [],
        Mentions = Deleted ? [] : Mentions.Split(',', StringSplitOptions.RemoveEmptyEntries),
        MentionsAll = MentionsAll && !Deleted,
        ThreadRootId = ThreadRootId?.ToString(),
        ReplyCount = ReplyCount,
        LastReplyAt = LastReplyAt is null ? null : Instants.Utc(LastReplyAt.Value),
        Attachments = Deleted ? [] : MessageAttachments.FromJson(Attachments, urls),
        PinnedAt = PinnedAt is null ? null : Instants.Utc(PinnedAt.Value),
        PinnedBy = PinnedAt is null ? null : PinnedBy?.ToString(),
        Poll = Deleted ? null : MessagePolls.FromJson(Poll),
    };
}
