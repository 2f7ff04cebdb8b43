using Dapper;
using Npgsql;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Features.Teams;

namespace Squadra.Api.Features.Events;

/// <summary>A member who leaves the team, or is removed, frees the places they held: the waitlist moves up at once.</summary>
internal sealed partial class EventStore : IMemberDepartureHandler
{
    /// <summary>
    /// In the removal's transaction, the membership already deleted: every upcoming (not started), uncancelled event
    /// of the team with a capacity that the leaver was going to is locked, as an answer locks it, and its free places
    /// go to its earliest waitlisted members, each once whatever else frees places on any replica meanwhile. Locked in
    /// start order, as a series edit locks its occurrences, so the two never wait on each other in a circle. Events
    /// without a capacity have no waitlist; past and cancelled ones keep their list as it was.
    /// </summary>
    public async Task OnMemberLeftAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid userId, NotificationBatch notifications, CancellationToken ct)
    {
        var freed = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT e.id FROM events e
            WHERE e.team_id = @teamId AND NOT e.cancelled AND e.capacity IS NOT NULL AND e.starts_at > @now
              AND EXISTS (SELECT FROM event_rsvps r WHERE r.event_id = e.id AND r.user_id = @userId AND r.response = 'going')
            ORDER BY e.starts_at, e.id
            FOR UPDATE OF e
            """,
            new { teamId, userId, now = clock.GetUtcNow().UtcDateTime }, transaction, cancellationToken: ct));
        foreach (var eventId in freed)
        {
            await PromoteFromWaitlistAsync(connection, transaction, teamId, eventId, ct, into: notifications);
            // Its counts changed even when nobody was waiting.
            announcer.AfterCommit(transaction, new EventChanged(teamId, eventId));
        }
    }
}
