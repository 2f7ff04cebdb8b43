using Dapper;
using Squadra.Api.Data;

namespace Squadra.Api.Features.Presence;

/// <summary>When users were last online (<c>users.last_seen_at</c>), written once per going offline, and who may see whose presence.</summary>
internal sealed class LastSeenStore(Db db, ILogger<LastSeenStore> logger)
{
    internal sealed record SeenRow(Guid Id, DateTime? LastSeenAt, DateTime? PausedUntil);

    /// <summary>Records when these users went offline; never moves a time backwards. A failure only costs a staler "last seen".</summary>
    public async Task RecordAsync(IReadOnlyList<(Guid UserId, DateTimeOffset At)> seen, CancellationToken ct)
    {
        try
        {
            await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE users u SET last_seen_at = GREATEST(u.last_seen_at, x.at)
                FROM unnest(@ids, @ats) AS x(id, at) WHERE u.id = x.id
                """,
                new { ids = seen.Select(s => s.UserId).ToArray(), ats = seen.Select(s => s.At).ToArray() }, cancellationToken: token)), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not record when {Count} users were last seen ({Error})", seen.Count, e.Message);
        }
    }

    /// <summary>
    /// Of <paramref name="userIds"/>, those who share a team or DM with <paramref name="callerId"/>, with when they were
    /// last seen and, while they paused notifications, until when.
    /// </summary>
    public async Task<IReadOnlyList<SeenRow>> VisibleToAsync(Guid callerId, Guid[] userIds, CancellationToken ct) =>
        [.. await db.RunAsync((connection, token) => connection.QueryAsync<SeenRow>(new CommandDefinition(
            """
            SELECT u.id, u.last_seen_at AS LastSeenAt,
                   CASE WHEN u.notifications_paused_until > now() THEN u.notifications_paused_until END AS PausedUntil
            FROM users u
            WHERE u.id = ANY(@userIds) AND EXISTS (
                SELECT 1 FROM team_members mine JOIN team_members theirs ON theirs.team_id = mine.team_id
                WHERE mine.user_id = @callerId AND theirs.user_id = u.id)
            """,
            new { callerId, userIds }, cancellationToken: token)), ct)];
}
