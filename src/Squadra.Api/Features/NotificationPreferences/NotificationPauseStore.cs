using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.NotificationPreferences;

/// <summary>Each user's pause of notifications (<c>users.notifications_paused_until</c>), the same on all their devices.</summary>
internal sealed class NotificationPauseStore(Db db, Announcer announcer)
{
    /// <summary>
    /// Pauses the user's notifications until <paramref name="until"/>, or resumes them (null); false when the user is
    /// gone. Setting what is already set tells no device, so a retried request is harmless.
    /// </summary>
    public async Task<bool> SetAsync(Guid userId, DateTimeOffset? until, CancellationToken ct)
    {
        // A pause already over reads as none: resuming after it ended changes nothing anyone sees.
        var (exists, changed) = await db.RunAsync((connection, token) => connection.QuerySingleAsync<(bool Exists, bool Changed)>(new CommandDefinition(
            """
            WITH changed AS (
                UPDATE users SET notifications_paused_until = @until::timestamptz
                WHERE id = @userId
                  AND CASE WHEN notifications_paused_until > now() THEN notifications_paused_until END IS DISTINCT FROM @until::timestamptz
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM users WHERE id = @userId), EXISTS (SELECT 1 FROM changed)
            """,
            new { userId, until = until?.ToUniversalTime() }, cancellationToken: token)), ct);
        if (changed)
        {
            // One statement, committed once it returned.
            announcer.Announce(new NotificationsPauseChanged(userId, until));
        }
        return exists;
    }
}
