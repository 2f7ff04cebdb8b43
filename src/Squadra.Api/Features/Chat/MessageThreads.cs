using Dapper;
using Npgsql;
using Squadra.Api.Errors;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// Threads of team and DM messages, one level deep: a reply names a top-level message of its own team or DM as its root. The root
/// keeps its replies' count and the time of the last one, each reply counting in its revision, so clients keep the
/// newest state of the root whatever order its pushes come in.
/// </summary>
internal static class MessageThreads
{
    private sealed record RootState(bool IsReply, bool Deleted);

    /// <summary>
    /// Why nobody may reply to <paramref name="rootId"/> in the team or DM, or null when they may; the root then stays
    /// locked until commit, so a deletion of the root waits for the reply (and the reply count is bumped one at a time).
    /// The caller has checked membership and holds the team's row (<see cref="MessageChanges.TakeAsync"/>): every writer
    /// locks the team before a message.
    /// </summary>
    public static async Task<Refusal?> CheckRootAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid rootId, CancellationToken ct)
    {
        var root = await connection.QuerySingleOrDefaultAsync<RootState>(new CommandDefinition(
            """
            SELECT m.thread_root_id IS NOT NULL AS IsReply, m.deleted FROM messages m
            WHERE m.id = @rootId AND m.team_id = @teamId
            FOR UPDATE OF m
            """,
            new { teamId, rootId }, transaction, cancellationToken: ct));
        return root switch
        {
            null => new Refusal.Invalid("threadRootId", "No such message here."),
            { IsReply: true } => new Refusal.Invalid("threadRootId", "A reply cannot be replied to: reply in its thread instead."),
            { Deleted: true } => new Refusal.Conflict("Message deleted", "A deleted message takes no replies."),
            _ => null,
        };
    }

    /// <summary>
    /// The root counts one reply more, last at the reply's time (the transaction's now(), as the reply's created_at). The
    /// greatest: a reply whose transaction began earlier may take the root's lock after one that began later.
    /// </summary>
    public static Task BumpRootAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid rootId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages SET reply_count = reply_count + 1, last_reply_at = GREATEST(last_reply_at, now()), revision = revision + 1
            WHERE id = @rootId
            """,
            new { rootId }, transaction, cancellationToken: ct));

    /// <summary>
    /// The thread <paramref name="messageId"/> belongs to (its own, or its root's when it is a reply): the root, then the
    /// replies by seq. Empty when the user is not a member or there is no such message in the team.
    /// </summary>
    public static async Task<IReadOnlyList<MessageRow>> ReadAsync(
        NpgsqlConnection connection, Conversation conversation, Guid messageId, Guid userId, CancellationToken ct) =>
        [.. await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            WITH root AS (
                SELECT COALESCE(t.thread_root_id, t.id) AS id FROM messages t
                WHERE t.id = @messageId AND t.team_id = @teamId
                  AND EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @userId AND {conversation.MemberRole("x")})
            )
            {MessageRow.Select} WHERE m.id = (SELECT id FROM root)
            UNION ALL
            {MessageRow.Select} WHERE m.thread_root_id = (SELECT id FROM root)
            ORDER BY seq
            """,
            new { teamId = conversation.Id, messageId, userId }, cancellationToken: ct))];
}
