using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.NotificationPreferences;

/// <summary>
/// Each user's pause of notifications (<c>users.notifications_paused_until</c>), the same on all their devices and known
/// to the people they share a team or DM with (Slack's "notifications paused", Mattermost's Do Not Disturb status).
/// </summary>
internal sealed class NotificationPauseStore(Db db, Announcer announcer)
{
    /// <summary>
    /// Pauses the user's notifications until <paramref name="until"/>, or resumes them (null); false when the user is
    /// gone. Setting what is already set tells no device, so a retried request is harmless.
    /// </summary>
    public async Task<bool> SetAsync(Guid userId, DateTimeOffset? until, CancellationToken ct)
    {
        // A pause already over reads as none: resuming after it ended changes nothing anyone sees.
        var (exists, changed, conversations) = await db.RunAsync((connection, token) => connection.QuerySingleAsync<(bool Exists, bool Changed, Guid[] Conversations)>(new CommandDefinition(
            """
            WITH changed AS (
                UPDATE users SET notifications_paused_until = @until::timestamptz
                WHERE id = @userId
                  AND CASE WHEN notifications_paused_until > now() THEN notifications_paused_until END IS DISTINCT FROM @until::timestamptz
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM users WHERE id = @userId), EXISTS (SELECT 1 FROM changed),
                   ARRAY(SELECT team_id FROM team_members WHERE user_id = @userId)
            """,
            new { userId, until = until?.ToUniversalTime() }, cancellationToken: token)), ct);
        if (changed)
        {
            // One statement, committed once it returned. The user's own devices, then everyone they share a chat with.
            var chunks = conversations.Chunk(FanoutPayloads.MaxIdsPerEvent).ToList();
            for (var i = 0; i < Math.Max(chunks.Count, 1); i++)
            {
                announcer.Announce(new NotificationsPauseChanged(userId, until, TellsUser: i == 0, i < chunks.Count ? chunks[i] : []));
            }
        }
        return exists;
    }
}
