using System.Text.Json;
using Dapper;
using Squadra.Api.Data;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.Notifications;

internal sealed record NotificationRow(Guid UserId, long Seq, string Type, Guid? TeamId, DateTime CreatedAt, DateTime? ReadAt, string Data)
{
    public NotificationDto ToDto() => new(
        Seq, Type, TeamId?.ToString(), Instants.Utc(CreatedAt), ReadAt is null ? null : Instants.Utc(ReadAt.Value),
        JsonDocument.Parse(Data).RootElement.Clone());
}

internal sealed class NotificationStore(Db db)
{
    private const string Columns = "user_id AS UserId, seq, type, team_id AS TeamId, created_at AS CreatedAt, read_at AS ReadAt, data::text AS Data";

    /// <summary>The oldest <paramref name="limit"/> after a seq; or the newest before one (or of all); ascending either way.</summary>
    public async Task<IReadOnlyList<NotificationRow>> ListAsync(Guid userId, long? after, long? before, int limit, CancellationToken ct) =>
        [.. (await db.RunAsync((connection, token) => connection.QueryAsync<NotificationRow>(new CommandDefinition(
            after is null
                ? $"SELECT {Columns} FROM notifications WHERE user_id = @userId AND (@before::bigint IS NULL OR seq < @before) ORDER BY seq DESC LIMIT @limit"
                : $"SELECT {Columns} FROM notifications WHERE user_id = @userId AND seq > @after ORDER BY seq LIMIT @limit",
            new { userId, after, before, limit }, cancellationToken: token)), ct)).OrderBy(n => n.Seq)];

    public async Task<long> UnreadCountAsync(Guid userId, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM notifications WHERE user_id = @userId AND read_at IS NULL",
            new { userId }, cancellationToken: token)), ct);

    public async Task MarkReadAsync(Guid userId, long upToSeq, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET read_at = now() WHERE user_id = @userId AND seq <= @upToSeq AND read_at IS NULL",
            new { userId, upToSeq }, cancellationToken: token)), ct);

    /// <summary>The user's unread <c>dm.message</c> notifications of one DM are read (another's DM id matches none of theirs).</summary>
    public async Task MarkDmReadAsync(Guid userId, Guid dmId, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications SET read_at = now()
            WHERE user_id = @userId AND read_at IS NULL AND type = @type AND data -> 'message' ->> 'dmId' = @dmId
            """,
            new { userId, type = NotificationTypes.DmMessage, dmId = dmId.ToString() }, cancellationToken: token)), ct);

    /// <summary>
    /// Everything newer than each user's cursor, for a replica catching up after it lost its LISTEN connection: one
    /// index range per user, never a scan of the table (the LATERAL with <c>OFFSET 0</c>: ChatStore.AfterAsync says why).
    /// </summary>
    public async Task<IReadOnlyList<NotificationRow>> FetchAfterAsync(Guid[] userIds, long[] afterSeqs, CancellationToken ct) =>
        [.. await db.RunAsync((connection, token) => connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM unnest(@userIds, @afterSeqs) AS c(cursor_user_id, after)
            CROSS JOIN LATERAL (SELECT * FROM notifications WHERE user_id = c.cursor_user_id AND seq > c.after OFFSET 0) n
            ORDER BY n.user_id, n.seq
            """,
            new { userIds, afterSeqs }, cancellationToken: token)), ct)];
}
