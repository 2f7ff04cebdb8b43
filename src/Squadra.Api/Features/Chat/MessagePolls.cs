using System.Text.Json;
using Dapper;
using Npgsql;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// The poll a message may ask (0029_polls.sql). Callers hold the team row's lock (a change number taken) and the
/// message row's, so the votes of one poll are written one at a time across replicas; each change counts in the
/// message's revision.
/// </summary>
internal static class MessagePolls
{
    /// <summary>
    /// The poll of a message row aliased m as one JSON value, <c>{multipleChoice, closedAt, closesAt, options: [{id,
    /// text, voterIds}]}</c>, or null when it asks none: a message without a poll reads no other table.
    /// </summary>
    public const string Aggregate = """
        CASE WHEN m.poll_multiple IS NOT NULL THEN json_build_object(
            'multipleChoice', m.poll_multiple, 'closedAt', m.poll_closed_at, 'closesAt', m.poll_closes_at,
            'options', (SELECT json_agg(json_build_object(
                            'id', o.position, 'text', o.text,
                            'voterIds', COALESCE((SELECT json_agg(v.user_id ORDER BY v.voted_at, v.user_id)
                                                  FROM poll_votes v WHERE v.message_id = m.id AND v.position = o.position), '[]'))
                        ORDER BY o.position)
                        FROM poll_options o WHERE o.message_id = m.id))::text END
        """;

    public static PollDto? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<PollDto>(json, JsonSerializerOptions.Web);

    /// <summary>A poll's state as a vote or a closing needs it: closed by someone, or past its deadline (the database's clock).</summary>
    public sealed record State(bool Multiple, DateTime? ClosedAt, int OptionCount, bool PastDeadline)
    {
        public bool IsClosed => ClosedAt is not null || PastDeadline;
    }

    public static async Task CreateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, IReadOnlyList<string> options, bool multiple,
        DateTimeOffset? closesAt, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH poll AS (UPDATE messages SET poll_multiple = @multiple, poll_closes_at = @closesAt::timestamptz WHERE id = @messageId)
            INSERT INTO poll_options (message_id, position, text)
            SELECT @messageId, o.position - 1, o.text FROM unnest(@options) WITH ORDINALITY AS o(text, position)
            """,
            new { messageId, options = options.ToArray(), multiple, closesAt = closesAt?.UtcDateTime }, transaction, cancellationToken: ct));

    /// <summary>The message's poll; null when it asks none.</summary>
    public static Task<State?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<State>(new CommandDefinition(
            """
            SELECT poll_multiple AS Multiple, poll_closed_at AS ClosedAt,
                   (SELECT count(*)::int FROM poll_options WHERE message_id = m.id) AS OptionCount,
                   coalesce(poll_closes_at <= now(), false) AS PastDeadline
            FROM messages m WHERE id = @messageId AND poll_multiple IS NOT NULL
            """,
            new { messageId }, transaction, cancellationToken: ct));

    /// <summary>Makes the user's vote exactly <paramref name="options"/> (options kept keep their place); whether anything changed.</summary>
    public static async Task<bool> VoteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, Guid userId, IReadOnlyList<int> options, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            WITH removed AS (
                DELETE FROM poll_votes WHERE message_id = @messageId AND user_id = @userId AND position <> ALL(@options)
                RETURNING 1
            ), added AS (
                INSERT INTO poll_votes (message_id, position, user_id)
                SELECT @messageId, o.position, @userId FROM unnest(@options) WITH ORDINALITY AS o(position, n) ORDER BY o.n
                ON CONFLICT DO NOTHING
                RETURNING 1
            ), changed AS (
                SELECT (SELECT count(*) FROM removed) + (SELECT count(*) FROM added) AS n
            ), bumped AS (
                UPDATE messages SET revision = revision + 1 WHERE id = @messageId AND (SELECT n FROM changed) > 0
            )
            SELECT n FROM changed
            """,
            new { messageId, userId, options = options.Select(o => (short)o).ToArray() }, transaction, cancellationToken: ct)) > 0;

    /// <summary>Closes the poll (no more votes) or opens it again, without the deadline it may have passed.</summary>
    public static Task SetClosedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, bool closed, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages
            SET poll_closed_at = CASE WHEN @closed THEN now() END,
                poll_closes_at = CASE WHEN @closed THEN poll_closes_at END,
                revision = revision + 1
            WHERE id = @messageId
            """,
            new { messageId, closed }, transaction, cancellationToken: ct));

    /// <summary>A deleted message asks no poll any more: its options and votes go.</summary>
    public static Task RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            WITH gone AS (UPDATE messages SET poll_multiple = NULL, poll_closed_at = NULL, poll_closes_at = NULL WHERE id = @messageId)
            DELETE FROM poll_options WHERE message_id = @messageId
            """,
            new { messageId }, transaction, cancellationToken: ct));
}
