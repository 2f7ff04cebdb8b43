using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Attachments;
using Squadra.Api.Features.DirectMessages;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Idempotency;
using Squadra.Api.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Chat;

/// <summary>One page of a team's messages: the newest, before or after a seq, or changed after a change number.</summary>
internal sealed record HistoryQuery(long? After, long? Before, int Limit, long? ChangedAfter = null);

internal sealed class ChatStore(Db db, Announcer announcer, NotificationWriter notificationWriter, AttachmentUrls urls)
{
    private const string UnattachableUploads =
        "Each attachment must be a file you uploaded to this chat that no message carries yet.";

    private const string BeforePost = "before_post";

    /// <summary>The Location of a posted message: the same in the first answer and in its idempotent replays.</summary>
    public static string MessageLocation(Conversation conversation, string messageId) => $"{conversation.MessagesPath}/{messageId}";

    public async Task<Outcome<MessageDto>> PostAsync(
        Conversation conversation, Guid authorId, string body, Guid? threadRootId, Guid[] attachmentIds, PollRequest? poll,
        IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            var (teamId, inDm) = (conversation.Id, conversation.IsDm);
            // Uploads that may not be attached refuse the whole post, found only once the message is in: undone to here.
            if (attachmentIds.Length > 0)
            {
                await transaction.SaveAsync(BeforePost, token);
            }
            // A reply first takes the team's row and the change number of its root's new state, then checks and locks its
            // root (every writer locks the team before a message); a top-level message pays no round trip more.
            MessageChanges.Taken? rootChange = null;
            if (threadRootId is { } rootId)
            {
                if ((rootChange = await MessageChanges.TakeAsync(connection, transaction, conversation, authorId, token)) is null)
                {
                    return new Refusal.NotFound(conversation.Noun);
                }
                if (await MessageThreads.CheckRootAsync(connection, transaction, teamId, rootId, token) is { } refused)
                {
                    return refused;
                }
            }
            var id = Guid.CreateVersion7();
            // One statement checks membership, takes the next seq and stores the message. It locks the team row
            // until commit (seqs are handed out, and become visible, in order), so the fewer round trips follow
            // it, the more posts a team takes per second. The message is indexed in the team's language as that row
            // says (TeamStore.UpdateAsync changes both under the same lock). No row: not a member, or no such team.
            var row = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
                $"""
                WITH next AS (
                    UPDATE teams SET message_seq = message_seq + 1, change_seq = change_seq + 1
                    WHERE id = @teamId
                      AND EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @authorId AND {conversation.MemberRole("x")})
                    RETURNING message_seq, change_seq, search_language
                ), m AS (
                    INSERT INTO messages (id, team_id, seq, change_seq, author_id, body, in_dm, thread_root_id, search_language)
                    SELECT @id, @teamId, message_seq, change_seq, @authorId, @body, @inDm, @threadRootId, search_language FROM next
                    RETURNING *
                )
                SELECT {MessageRow.Columns} FROM m JOIN users u ON u.id = m.author_id
                """,
                new { id, teamId, authorId, body, inDm, threadRootId }, transaction, cancellationToken: token));
            if (row is null)
            {
                return new Refusal.NotFound(conversation.Noun);
            }
            var message = row.ToDto(urls);
            if (attachmentIds.Length > 0)
            {
                if (!await MessageAttachments.AttachAsync(connection, transaction, teamId, id, authorId, attachmentIds, token))
                {
                    await transaction.RollbackAsync(BeforePost, token);
                    return new Refusal.Invalid("attachmentIds", UnattachableUploads);
                }
                message = (await FindAsync(connection, transaction, teamId, id, token))!.ToDto(urls);
            }
            if (poll is not null)
            {
                await MessagePolls.CreateAsync(connection, transaction, id, [.. poll.Options!.Select(o => o.Trim())], poll.MultipleChoice, poll.ClosesAt, token);
                message = (await FindAsync(connection, transaction, teamId, id, token))!.ToDto(urls);
            }
            // Most messages mention nobody: they pay no round trip more.
            var mentioned = MentionRules.Parse(body);
            IReadOnlyList<Guid> told = [];
            if (mentioned.Usernames.Count > 0 || mentioned.All)
            {
                told = await MessageMentions.WriteAsync(connection, transaction, teamId, id, authorId, mentioned, token);
                message = (await FindAsync(connection, transaction, teamId, id, token))!.ToDto(urls);
                if (!inDm)
                {
                    await MessageMentions.NotifyAsync(connection, transaction, notificationWriter, teamId, told, message, token);
                }
            }
            if (inDm)
            {
                await DmMessageNotices.NotifyAsync(connection, transaction, notificationWriter, teamId, message, told, token);
            }
            announcer.AfterCommit(transaction, new MessageCommitted(teamId, message.Seq, Updated: false, message));
            if (threadRootId is { } root)
            {
                await MessageThreads.BumpRootAsync(connection, transaction, root, token);
                await AnnounceUpdateAsync(connection, transaction, teamId, root, rootChange!.ChangeSeq, token);
            }
            await idempotency.RecordAsync(connection, transaction, StatusCodes.Status201Created, message, MessageLocation(conversation, message.Id), token);
            return message;
        }, ct);

    public async Task<Outcome<IReadOnlyList<MessageDto>>> HistoryAsync(Conversation conversation, Guid userId, HistoryQuery query, CancellationToken ct) =>
        await db.RunAsync<Outcome<IReadOnlyList<MessageDto>>>(async (connection, token) =>
        {
            var teamId = conversation.Id;
            var (filter, order) = query switch
            {
                { After: not null } => ("AND m.seq > @After", "ASC"),
                { Before: not null } => ("AND m.seq < @Before", "DESC"),
                { ChangedAfter: not null } => ("AND m.change_seq > @ChangedAfter", "ASC"),
                _ => ("", "DESC"),
            };
            // The membership check rides along in the page query; only an empty page needs telling a
            // non-member (404) from a member of a quiet team.
            var rows = (await connection.QueryAsync<MessageRow>(new CommandDefinition(
                $"""
                {MessageRow.Select}
                WHERE m.team_id = @teamId {filter}
                  AND EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @userId AND {conversation.MemberRole("x")})
                ORDER BY {(query.ChangedAfter is null ? "m.seq" : "m.change_seq")} {order} LIMIT @Limit
                """,
                new { teamId, userId, query.After, query.Before, query.ChangedAfter, query.Limit }, cancellationToken: token))).AsList();
            if (rows.Count == 0 && !await IsMemberAsync(connection, conversation, userId, token))
            {
                return new Refusal.NotFound(conversation.Noun);
            }
            return (query.ChangedAfter is null ? rows.OrderBy(r => r.Seq) : rows.OrderBy(r => r.ChangeSeq)).Select(r => r.ToDto(urls)).ToList();
        }, ct);

    public async Task<Outcome<MessageDto>> EditAsync(Conversation conversation, Guid messageId, Guid userId, string body, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            var teamId = conversation.Id;
            if (await MessageChanges.TakeAsync(connection, transaction, conversation, userId, token) is not { } change)
            {
                return new Refusal.NotFound(conversation.Noun);
            }
            var message = await LockAsync(connection, transaction, teamId, messageId, token);
            if (message is null)
            {
                return new Refusal.NotFound("message");
            }
            if (message.AuthorId != userId)
            {
                return new Refusal.Forbidden("Only the author can edit a message.");
            }
            if (message.Deleted)
            {
                return new Refusal.Conflict("Message deleted", "A deleted message cannot be edited.");
            }
            if (body.Length == 0 && ChatRules.BodyError(body, await MessageAttachments.AnyAsync(connection, transaction, messageId, token)) is { } error)
            {
                return new Refusal.Invalid("body", error);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE messages SET body = @body, edited_at = now(), revision = revision + 1 WHERE id = @messageId",
                new { messageId, body }, transaction, cancellationToken: token));
            // The edited body's mentions replace the old; only members never told of this message are told now.
            var told = await MessageMentions.WriteAsync(connection, transaction, teamId, messageId, userId, MentionRules.Parse(body), token);
            var edited = await AnnounceUpdateAsync(connection, transaction, teamId, messageId, change.ChangeSeq, token);
            if (!conversation.IsDm)
            {
                await MessageMentions.NotifyAsync(connection, transaction, notificationWriter, teamId, told, edited, token);
            }
            return edited;
        }, ct);

    public async Task<Outcome<bool>> DeleteAsync(Conversation conversation, Guid messageId, Guid userId, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<bool>>(async (connection, transaction, token) =>
        {
            var teamId = conversation.Id;
            if (await MessageChanges.TakeAsync(connection, transaction, conversation, userId, token) is not { } change)
            {
                return new Refusal.NotFound(conversation.Noun);
            }
            var message = await LockAsync(connection, transaction, teamId, messageId, token);
            if (message is null)
            {
                return new Refusal.NotFound("message");
            }
            if (message.AuthorId != userId && !TeamRoles.CanManage(change.Role))
            {
                return new Refusal.Forbidden("Only the author, the team's owner or an admin can delete a message.");
            }
            if (!message.Deleted)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE messages SET body = '', deleted = true, edited_at = now(), pinned_at = NULL, pinned_by = NULL, revision = revision + 1 WHERE id = @messageId",
                    new { messageId }, transaction, cancellationToken: token));
                await MessageReactions.RemoveAllAsync(connection, transaction, messageId, token);
                await MessageAttachments.RemoveAllAsync(connection, transaction, messageId, token);
                await MessagePolls.RemoveAsync(connection, transaction, messageId, token);
                await AnnounceUpdateAsync(connection, transaction, teamId, messageId, change.ChangeSeq, token);
            }
            return true;
        }, ct);

    /// <summary>Adds or removes the user's reaction; doing what is already so changes nothing and announces nothing.</summary>
    public async Task<Outcome<MessageDto>> ReactAsync(Conversation conversation, Guid messageId, Guid userId, string emoji, bool add, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            var teamId = conversation.Id;
            // A stranger learns nothing of the team or the message: both refusals are the message's 404.
            if (await MessageChanges.TakeAsync(connection, transaction, conversation, userId, token) is not { } change
                || await LockAsync(connection, transaction, teamId, messageId, token) is not { } message)
            {
                return new Refusal.NotFound("message");
            }
            if (message.Deleted)
            {
                return new Refusal.Conflict("Message deleted", "A deleted message takes no reactions.");
            }
            var reaction = add
                ? await MessageReactions.AddAsync(connection, transaction, messageId, emoji, userId, token)
                : await MessageReactions.RemoveAsync(connection, transaction, messageId, emoji, userId, token);
            return reaction switch
            {
                MessageReactions.Change.Full => new Refusal.Conflict(
                    "Too many reactions", $"A message holds at most {ReactionRules.MaxDistinct} different reactions."),
                MessageReactions.Change.Made => await AnnounceUpdateAsync(connection, transaction, teamId, messageId, change.ChangeSeq, token),
                _ => (await FindAsync(connection, transaction, teamId, messageId, token))!.ToDto(urls),
            };
        }, ct);

    /// <summary>Pins or unpins the message for everyone in its chat; doing what is already so changes nothing and announces nothing.</summary>
    public async Task<Outcome<MessageDto>> PinAsync(Conversation conversation, Guid messageId, Guid userId, bool pinned, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            var teamId = conversation.Id;
            // A stranger learns nothing of the team or the message: both refusals are the message's 404.
            if (await MessageChanges.TakeAsync(connection, transaction, conversation, userId, token) is not { } change
                || await LockAsync(connection, transaction, teamId, messageId, token) is not { } message)
            {
                return new Refusal.NotFound("message");
            }
            if (message.Deleted && pinned)
            {
                return new Refusal.Conflict("Message deleted", "A deleted message cannot be pinned.");
            }
            return await MessagePins.SetAsync(connection, transaction, teamId, messageId, userId, pinned, token) switch
            {
                MessagePins.Change.Full => new Refusal.Conflict(
                    "Too many pinned messages", $"A chat keeps at most {PinRules.MaxPerChat} pinned messages: unpin one first."),
                MessagePins.Change.Made => await AnnounceUpdateAsync(connection, transaction, teamId, messageId, change.ChangeSeq, token),
                _ => (await FindAsync(connection, transaction, teamId, messageId, token))!.ToDto(urls),
            };
        }, ct);

    /// <summary>Makes the user's vote in the message's poll exactly <paramref name="options"/>; the same vote again changes and announces nothing.</summary>
    public async Task<Outcome<MessageDto>> VoteAsync(Conversation conversation, Guid messageId, Guid userId, IReadOnlyList<int> options, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            var locked = await LockPollAsync(connection, transaction, conversation, messageId, userId, token);
            if (locked.Refusal is { } refusal)
            {
                return refusal;
            }
            var (change, _, poll) = locked.Value!;
            if (poll.IsClosed)
            {
                return new Refusal.Conflict("Poll closed", poll.ClosedAt is null
                    ? "This poll's deadline has passed: it takes no more votes."
                    : "This poll was closed: it takes no more votes.");
            }
            if (PollRules.VoteError(poll.OptionCount, poll.Multiple, options) is { } error)
            {
                return new Refusal.Invalid("options", error);
            }
            return await MessagePolls.VoteAsync(connection, transaction, messageId, userId, options, token)
                ? await AnnounceUpdateAsync(connection, transaction, conversation.Id, messageId, change.ChangeSeq, token)
                : (await FindAsync(connection, transaction, conversation.Id, messageId, token))!.ToDto(urls);
        }, ct);

    /// <summary>Closes the message's poll or opens it again: its author, or an owner or admin of the team; what is already so changes nothing.</summary>
    public async Task<Outcome<MessageDto>> SetPollClosedAsync(Conversation conversation, Guid messageId, Guid userId, bool closed, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            var locked = await LockPollAsync(connection, transaction, conversation, messageId, userId, token);
            if (locked.Refusal is { } refusal)
            {
                return refusal;
            }
            var (change, message, poll) = locked.Value!;
            if (message.AuthorId != userId && !TeamRoles.CanManage(change.Role))
            {
                return new Refusal.Forbidden("Only the poll's author, the team's owner or an admin can close it or open it again.");
            }
            if (poll.IsClosed == closed)
            {
                return (await FindAsync(connection, transaction, conversation.Id, messageId, token))!.ToDto(urls);
            }
            await MessagePolls.SetClosedAsync(connection, transaction, messageId, closed, token);
            return await AnnounceUpdateAsync(connection, transaction, conversation.Id, messageId, change.ChangeSeq, token);
        }, ct);

    private sealed record LockedPoll(MessageChanges.Taken Change, LockedMessage Message, MessagePolls.State Poll);

    /// <summary>
    /// A poll to vote in or close, with the team's change number taken and the message row locked (every writer of a
    /// team's messages locks in that order); or why not: a stranger learns nothing (404), a deleted message is a 409.
    /// </summary>
    private static async Task<Outcome<LockedPoll>> LockPollAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Conversation conversation, Guid messageId, Guid userId, CancellationToken ct)
    {
        if (await MessageChanges.TakeAsync(connection, transaction, conversation, userId, ct) is not { } change
            || await LockAsync(connection, transaction, conversation.Id, messageId, ct) is not { } message)
        {
            return new Refusal.NotFound("message");
        }
        if (message.Deleted)
        {
            return new Refusal.Conflict("Message deleted", "A deleted message asks no poll.");
        }
        if (await MessagePolls.FindAsync(connection, transaction, messageId, ct) is not { } poll)
        {
            return new Refusal.NotFound("poll");
        }
        return new LockedPoll(change, message, poll);
    }

    /// <summary>The chat's pinned messages, the most recently pinned first.</summary>
    public async Task<Outcome<IReadOnlyList<MessageDto>>> PinnedAsync(Conversation conversation, Guid userId, CancellationToken ct) =>
        await db.RunAsync<Outcome<IReadOnlyList<MessageDto>>>(async (connection, token) =>
        {
            var rows = await MessagePins.ListAsync(connection, conversation, userId, token);
            if (rows.Count == 0 && !await IsMemberAsync(connection, conversation, userId, token))
            {
                return new Refusal.NotFound(conversation.Noun);
            }
            return rows.Select(r => r.ToDto(urls)).ToList();
        }, ct);

    /// <summary>The thread the message belongs to: its root, then the replies by seq.</summary>
    public async Task<Outcome<IReadOnlyList<MessageDto>>> ThreadAsync(Conversation conversation, Guid messageId, Guid userId, CancellationToken ct) =>
        await db.RunAsync<Outcome<IReadOnlyList<MessageDto>>>(async (connection, token) =>
        {
            var rows = await MessageThreads.ReadAsync(connection, conversation, messageId, userId, token);
            return rows.Count == 0 ? new Refusal.NotFound("message") : rows.Select(r => r.ToDto(urls)).ToList();
        }, ct);

    public async Task<MessageDto?> FindAsync(Guid teamId, long seq, CancellationToken ct) =>
        (await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"{MessageRow.Select} WHERE m.team_id = @teamId AND m.seq = @seq", new { teamId, seq }, cancellationToken: token)), ct))?.ToDto(urls);

    /// <summary>
    /// Every message after each team's cursor, for a replica catching up after its LISTEN connection broke (and a sweep
    /// that found teams behind). Joined plainly with the unnest, the planner guessed a third of each team's messages
    /// past its cursor and, from about a hundred teams, scanned the whole table instead of one index range per team:
    /// 250-340 ms at a million messages, at every sweep, with the live announcements queued behind it (docs/benchmarks.md,
    /// "Announcement channel"). A LATERAL subquery with <c>OFFSET 0</c> is never pulled up into the join, so each team's
    /// range stays an index scan (4 ms for 150 teams). <see cref="ChangedSinceAsync"/> and the notifications' catch-up
    /// read the same way.
    /// </summary>
    public async Task<IReadOnlyList<MessageDto>> AfterAsync(Guid[] teamIds, long[] afterSeqs, CancellationToken ct) =>
        [.. (await db.RunAsync((connection, token) => connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            SELECT {MessageRow.Columns}
            FROM unnest(@teamIds, @afterSeqs) AS c(team_id, after)
            CROSS JOIN LATERAL (SELECT * FROM messages WHERE team_id = c.team_id AND seq > c.after OFFSET 0) m
            JOIN users u ON u.id = m.author_id
            ORDER BY m.team_id, m.seq
            """,
            new { teamIds, afterSeqs }, cancellationToken: token)), ct)).Select(r => r.ToDto(urls))];

    /// <summary>Stamps the message with the change's number and announces its new state once committed.</summary>
    /// <summary>A change of a team's message, by its number: what a sweep compares with what it pushed.</summary>
    public sealed record ChangeStamp(Guid TeamId, Guid Id, long Seq, long ChangeSeq, long Revision);

    /// <summary>The messages each team changed after its change number, as numbers only; one index range per team (<see cref="AfterAsync"/>).</summary>
    public async Task<IReadOnlyList<ChangeStamp>> ChangedSinceAsync(Guid[] teamIds, long[] afterChangeSeqs, CancellationToken ct) =>
        [.. await db.RunAsync((connection, token) => connection.QueryAsync<ChangeStamp>(new CommandDefinition(
            """
            SELECT c.team_id AS TeamId, m.id, m.seq, m.change_seq AS ChangeSeq, m.revision
            FROM unnest(@teamIds, @afterChangeSeqs) AS c(team_id, after)
            CROSS JOIN LATERAL (
                SELECT id, seq, change_seq, revision FROM messages WHERE team_id = c.team_id AND change_seq > c.after OFFSET 0) m
            """,
            new { teamIds, afterChangeSeqs }, cancellationToken: token)), ct)];

    public async Task<IReadOnlyList<MessageDto>> FindAsync(Guid[] messageIds, CancellationToken ct) =>
        await db.RunAsync((connection, token) => FindAsync(connection, transaction: null, messageIds, token), ct);

    /// <summary>The messages as the caller's transaction sees them (a sweep writing notifications about them).</summary>
    public async Task<IReadOnlyList<MessageDto>> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid[] messageIds, CancellationToken ct) =>
        [.. (await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"{MessageRow.Select} WHERE m.id = ANY(@messageIds) ORDER BY m.change_seq", new { messageIds }, transaction, cancellationToken: ct)))
            .Select(r => r.ToDto(urls))];

    private async Task<MessageDto> AnnounceUpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, long changeSeq, CancellationToken ct)
    {
        var updated = (await connection.QuerySingleAsync<MessageRow>(new CommandDefinition(
            $"""
            WITH m AS (UPDATE messages SET change_seq = @changeSeq WHERE id = @messageId AND team_id = @teamId RETURNING *)
            SELECT {MessageRow.Columns} FROM m JOIN users u ON u.id = m.author_id
            """,
            new { teamId, messageId, changeSeq }, transaction, cancellationToken: ct))).ToDto(urls);
        announcer.AfterCommit(transaction, new MessageCommitted(teamId, updated.Seq, Updated: true, updated));
        return updated;
    }

    private static Task<bool> IsMemberAsync(NpgsqlConnection connection, Conversation conversation, Guid userId, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @userId AND {conversation.MemberRole("x")})",
            new { teamId = conversation.Id, userId }, cancellationToken: ct));

    private sealed record LockedMessage(Guid AuthorId, bool Deleted);

    private static Task<LockedMessage?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LockedMessage>(new CommandDefinition(
            "SELECT author_id AS AuthorId, deleted FROM messages WHERE id = @messageId AND team_id = @teamId FOR UPDATE",
            new { teamId, messageId }, transaction, cancellationToken: ct));

    private static Task<MessageRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"{MessageRow.Select} WHERE m.team_id = @teamId AND m.id = @messageId", new { teamId, messageId }, transaction, cancellationToken: ct));
}
