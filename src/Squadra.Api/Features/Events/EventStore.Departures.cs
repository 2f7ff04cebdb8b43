using Dapper;
using Npgsql;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Features.Teams;

namespace Squadra.Api.Features.Events;

/// <summary>
/// A member who leaves the team, or is removed, frees the places they held (the waitlist moves up at once) and takes
/// back their answers to what has not started yet.
/// </summary>
internal sealed partial class EventStore : IMemberDepartureHandler
{
    /// <summary>
    /// In the removal's transaction, the membership already deleted: every upcoming (not started), uncancelled event
    /// of the team the leaver answered is locked, as an answer locks it, and their answer to it is deleted: someone
    /// who rejoins starts without answers, so an old "going" cannot count again and overfill a full event. The events
    /// with a capacity the leaver was going to then give their free places to their earliest waitlisted members, each
    /// once whatever else frees places on any replica meanwhile. Locked in start order, as a series edit locks its
    /// occurrences, so the two never wait on each other in a circle. Past and cancelled events keep their lists (and
    /// the leaver's answer in them) as they were: attendance history.
    /// </summary>
    public async Task OnMemberLeftAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid userId, NotificationBatch notifications, CancellationToken ct)
    {
        var answered = (await connection.QueryAsync<(Guid Id, bool FreesAPlace)>(new CommandDefinition(
            """
            SELECT e.id, e.capacity IS NOT NULL AND r.response = 'going'
            FROM events e JOIN event_rsvps r ON r.event_id = e.id AND r.user_id = @userId
            WHERE e.team_id = @teamId AND NOT e.cancelled AND e.starts_at > @now
            ORDER BY e.starts_at, e.id
            FOR UPDATE OF e
            """,
            new { teamId, userId, now = clock.GetUtcNow().UtcDateTime }, transaction, cancellationToken: ct))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM event_rsvps WHERE user_id = @userId AND event_id = ANY(@ids)",
            new { userId, ids = answered.Select(a => a.Id).ToArray() }, transaction, cancellationToken: ct));
        foreach (var (eventId, _) in answered.Where(a => a.FreesAPlace))
        {
            await PromoteFromWaitlistAsync(connection, transaction, teamId, eventId, ct, into: notifications);
            // Its counts changed even when nobody was waiting.
            announcer.AfterCommit(transaction, new EventChanged(teamId, eventId));
        }
    }
}
