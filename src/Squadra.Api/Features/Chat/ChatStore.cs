using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Teams;
using Squadra.Api.Idempotency;
using Squadra.Api.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Chat;

internal sealed record HistoryQuery(long? After, long? Before, int Limit);

internal sealed class ChatStore(Db db, Announcer announcer)
{
    /// <summary>The Location of a posted message: the same in the first answer and in its idempotent replays.</summary>
    public static string MessageLocation(Guid teamId, string messageId) => $"/api/teams/{teamId}/messages/{messageId}";

    public async Task<Outcome<MessageDto>> PostAsync(Guid teamId, Guid authorId, string body, Guid? threadRootId, IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            // A reply first checks and locks its root (MessageThreads); a top-level message pays no round trip more.
            if (threadRootId is { } rootId && await MessageThreads.CheckRootAsync(connection, transaction, teamId, rootId, authorId, token) is { } refused)
            {
                return refused;
            }
            var id = Guid.CreateVersion7();
            // One statement checks membership, takes the next seq and stores the message. It locks the team row
            // until commit (seqs are handed out, and become visible, in order), so the fewer round trips follow
            // it, the more posts a team takes per second. No row: not a member, or no such team.
            var row = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
                $"""
                WITH next AS (
                    UPDATE teams SET message_seq = message_seq + 1
                    WHERE id = @teamId
                      AND EXISTS (SELECT 1 FROM team_members WHERE team_id = @teamId AND user_id = @authorId)
                    RETURNING message_seq
                ), m AS (
                    INSERT INTO messages (id, team_id, seq, author_id, body, thread_root_id)
                    SELECT @id, @teamId, message_seq, @authorId, @body, @threadRootId FROM next
                    RETURNING *
                )
                SELECT {MessageRow.Columns} FROM m JOIN users u ON u.id = m.author_id
                """,
                new { id, teamId, authorId, body, threadRootId }, transaction, cancellationToken: token));
            if (row is null)
            {
                return new Refusal.NotFound("team");
            }
            var message = row.ToDto();
            // Most messages mention nobody: they pay no round trip more.
            var mentioned = MentionRules.Parse(body);
            if (mentioned.Usernames.Count > 0 || mentioned.All)
            {
                var told = await MessageMentions.WriteAsync(connection, transaction, teamId, id, authorId, mentioned, token);
                message = (await FindAsync(connection, transaction, teamId, id, token))!.ToDto();
                await MessageMentions.NotifyAsync(connection, transaction, announcer, teamId, told, message, token);
            }
            announcer.AfterCommit(transaction, new MessageCommitted(teamId, message.Seq, Updated: false, message));
            if (threadRootId is { } root)
            {
                await MessageThreads.BumpRootAsync(connection, transaction, root, token);
                await AnnounceUpdateAsync(connection, transaction, teamId, root, token);
            }
            await idempotency.RecordAsync(connection, transaction, StatusCodes.Status201Created, message, MessageLocation(teamId, message.Id), token);
            return message;
        }, ct);

    public async Task<Outcome<IReadOnlyList<MessageDto>>> HistoryAsync(Guid teamId, Guid userId, HistoryQuery query, CancellationToken ct) =>
        await db.RunAsync<Outcome<IReadOnlyList<MessageDto>>>(async (connection, token) =>
        {
            var (filter, order) = query switch
            {
                { After: not null } => ("AND m.seq > @After", "ASC"),
                { Before: not null } => ("AND m.seq < @Before", "DESC"),
                _ => ("", "DESC"),
            };
            // The membership check rides along in the page query; only an empty page needs telling a
            // non-member (404) from a member of a quiet team.
            var rows = (await connection.QueryAsync<MessageRow>(new CommandDefinition(
                $"""
                {MessageRow.Select}
                WHERE m.team_id = @teamId {filter}
                  AND EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @userId)
                ORDER BY m.seq {order} LIMIT @Limit
                """,
                new { teamId, userId, query.After, query.Before, query.Limit }, cancellationToken: token))).AsList();
            if (rows.Count == 0 && await connection.RoleAsync(teamId, userId, null, token) is null)
            {
                return new Refusal.NotFound("team");
            }
            return rows.OrderBy(r => r.Seq).Select(r => r.ToDto()).ToList();
        }, ct);

    public async Task<Outcome<MessageDto>> EditAsync(Guid teamId, Guid messageId, Guid userId, string body, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            if (await connection.RoleAsync(teamId, userId, transaction, token) is null)
            {
                return new Refusal.NotFound("team");
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
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE messages SET body = @body, edited_at = now(), revision = revision + 1 WHERE id = @messageId",
                new { messageId, body }, transaction, cancellationToken: token));
            // The edited body's mentions replace the old; only members never told of this message are told now.
            var told = await MessageMentions.WriteAsync(connection, transaction, teamId, messageId, userId, MentionRules.Parse(body), token);
            var edited = await AnnounceUpdateAsync(connection, transaction, teamId, messageId, token);
            await MessageMentions.NotifyAsync(connection, transaction, announcer, teamId, told, edited, token);
            return edited;
        }, ct);

    public async Task<Outcome<bool>> DeleteAsync(Guid teamId, Guid messageId, Guid userId, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<bool>>(async (connection, transaction, token) =>
        {
            var role = await connection.RoleAsync(teamId, userId, transaction, token);
            if (role is null)
            {
                return new Refusal.NotFound("team");
            }
            var message = await LockAsync(connection, transaction, teamId, messageId, token);
            if (message is null)
            {
                return new Refusal.NotFound("message");
            }
            if (message.AuthorId != userId && !TeamRoles.CanManage(role))
            {
                return new Refusal.Forbidden("Only the author, the team's owner or an admin can delete a message.");
            }
            if (!message.Deleted)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE messages SET body = '', deleted = true, edited_at = now(), revision = revision + 1 WHERE id = @messageId",
                    new { messageId }, transaction, cancellationToken: token));
                await MessageReactions.RemoveAllAsync(connection, transaction, messageId, token);
                await AnnounceUpdateAsync(connection, transaction, teamId, messageId, token);
            }
            return true;
        }, ct);

    /// <summary>Adds or removes the user's reaction; doing what is already so changes nothing and announces nothing.</summary>
    public async Task<Outcome<MessageDto>> ReactAsync(Guid teamId, Guid messageId, Guid userId, string emoji, bool add, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MessageDto>>(async (connection, transaction, token) =>
        {
            // One statement checks membership and locks the message: a stranger learns nothing of the team or the message.
            var deleted = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
                """
                SELECT m.deleted FROM messages m
                WHERE m.id = @messageId AND m.team_id = @teamId
                  AND EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @userId)
                FOR UPDATE OF m
                """,
                new { teamId, messageId, userId }, transaction, cancellationToken: token));
            if (deleted is null)
            {
                return new Refusal.NotFound("message");
            }
            if (deleted.Value)
            {
                return new Refusal.Conflict("Message deleted", "A deleted message takes no reactions.");
            }
            var change = add
                ? await MessageReactions.AddAsync(connection, transaction, messageId, emoji, userId, token)
                : await MessageReactions.RemoveAsync(connection, transaction, messageId, emoji, userId, token);
            return change switch
            {
                MessageReactions.Change.Full => new Refusal.Conflict(
                    "Too many reactions", $"A message holds at most {ReactionRules.MaxDistinct} different reactions."),
                MessageReactions.Change.Made => await AnnounceUpdateAsync(connection, transaction, teamId, messageId, token),
                _ => (await FindAsync(connection, transaction, teamId, messageId, token))!.ToDto(),
            };
        }, ct);

    /// <summary>The thread the message belongs to: its root, then the replies by seq.</summary>
    public async Task<Outcome<IReadOnlyList<MessageDto>>> ThreadAsync(Guid teamId, Guid messageId, Guid userId, CancellationToken ct) =>
        await db.RunAsync<Outcome<IReadOnlyList<MessageDto>>>(async (connection, token) =>
        {
            var rows = await MessageThreads.ReadAsync(connection, teamId, messageId, userId, token);
            return rows.Count == 0 ? new Refusal.NotFound("message") : rows.Select(r => r.ToDto()).ToList();
        }, ct);

    public async Task<MessageDto?> FindAsync(Guid teamId, long seq, CancellationToken ct) =>
        (await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"{MessageRow.Select} WHERE m.team_id = @teamId AND m.seq = @seq", new { teamId, seq }, cancellationToken: token)), ct))?.ToDto();

    /// <summary>Every message after each team's cursor, for a replica catching up after its LISTEN connection broke.</summary>
    public async Task<IReadOnlyList<MessageDto>> AfterAsync(Guid[] teamIds, long[] afterSeqs, CancellationToken ct) =>
        [.. (await db.RunAsync((connection, token) => connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            {MessageRow.Select}
            JOIN unnest(@teamIds, @afterSeqs) AS c(team_id, after) ON c.team_id = m.team_id
            WHERE m.seq > c.after
            ORDER BY m.team_id, m.seq
            """,
            new { teamIds, afterSeqs }, cancellationToken: token)), ct)).Select(r => r.ToDto())];

    private async Task<MessageDto> AnnounceUpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, CancellationToken ct)
    {
        var updated = (await FindAsync(connection, transaction, teamId, messageId, ct))!.ToDto();
        announcer.AfterCommit(transaction, new MessageCommitted(teamId, updated.Seq, Updated: true, updated));
        return updated;
    }

    private sealed record LockedMessage(Guid AuthorId, bool Deleted);

    private static Task<LockedMessage?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LockedMessage>(new CommandDefinition(
            "SELECT author_id AS AuthorId, deleted FROM messages WHERE id = @messageId AND team_id = @teamId FOR UPDATE",
            new { teamId, messageId }, transaction, cancellationToken: ct));

    private static Task<MessageRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"{MessageRow.Select} WHERE m.team_id = @teamId AND m.id = @messageId", new { teamId, messageId }, transaction, cancellationToken: ct));
}
