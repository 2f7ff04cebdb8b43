using Dapper;
using Npgsql;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// The reactions of any message (team chat now, DMs later): the caller has checked who may see the message and holds
/// its row's lock (<c>FOR UPDATE</c>), so reactions to one message are written one at a time across replicas and the
/// cap of <see cref="ReactionRules.MaxDistinct"/> distinct emoji holds. Each change counts in the message's revision.
/// </summary>
internal static class MessageReactions
{
    /// <summary>
    /// A JSON array of a message (aliased m) row's reactions, <c>[{emoji, userIds}]</c>, emoji in the order of first use
    /// and users in the order they reacted; read through the primary key's message_id prefix.
    /// </summary>
    public const string Aggregate = """
        COALESCE((SELECT json_agg(json_build_object('emoji', r.emoji, 'userIds', r.user_ids) ORDER BY r.first)
                  FROM (SELECT emoji, array_agg(user_id ORDER BY id) AS user_ids, min(id) AS first
                        FROM message_reactions WHERE message_id = m.id GROUP BY emoji) r), '[]')
        """;

    public enum Change { Made, AlreadySo, Full }

    /// <summary>Adds the user's reaction unless it is there, or the message has its maximum of other emoji.</summary>
    public static async Task<Change> AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, string emoji, Guid userId, CancellationToken ct)
    {
        // Run after the message's lock is taken: under READ COMMITTED this statement's snapshot then sees every
        // reaction committed before, so two replicas adding the 20th and 21st emoji cannot both pass the count.
        var (added, allowed) = await connection.QuerySingleAsync<(long Added, bool Allowed)>(new CommandDefinition(
            """
            WITH used AS (
                SELECT count(DISTINCT emoji) < @max OR COALESCE(bool_or(emoji = @emoji), false) AS allowed
                FROM message_reactions WHERE message_id = @messageId
            ), added AS (
                INSERT INTO message_reactions (message_id, emoji, user_id)
                SELECT @messageId, @emoji, @userId FROM used WHERE allowed
                ON CONFLICT DO NOTHING
                RETURNING 1
            ), bumped AS (
                UPDATE messages SET revision = revision + 1 WHERE id = @messageId AND EXISTS (SELECT 1 FROM added)
            )
            SELECT (SELECT count(*) FROM added), allowed FROM used
            """,
            new { messageId, emoji, userId, max = ReactionRules.MaxDistinct }, transaction, cancellationToken: ct));
        return added > 0 ? Change.Made : allowed ? Change.AlreadySo : Change.Full;
    }

    /// <summary>Removes the user's reaction if it is there.</summary>
    public static async Task<Change> RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, string emoji, Guid userId, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            WITH removed AS (
                DELETE FROM message_reactions WHERE message_id = @messageId AND emoji = @emoji AND user_id = @userId
                RETURNING 1
            ), bumped AS (
                UPDATE messages SET revision = revision + 1 WHERE id = @messageId AND EXISTS (SELECT 1 FROM removed)
            )
            SELECT count(*) FROM removed
            """,
            new { messageId, emoji, userId }, transaction, cancellationToken: ct)) > 0 ? Change.Made : Change.AlreadySo;

    /// <summary>A deleted message keeps no reactions.</summary>
    public static Task RemoveAllAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM message_reactions WHERE message_id = @messageId", new { messageId }, transaction, cancellationToken: ct));
}
