using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Teams;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Attendance registered: who came to an event that has started, marked by those who may change the event (its
/// creator, the owner, admins), and the team's record over a period. A mark changes nobody's answer: "going" is what a
/// member said, "came" what happened.
/// </summary>
internal sealed partial class EventStore
{
    /// <summary>Marks <paramref name="memberId"/> as having come (true), not (false), or not marked (null).</summary>
    public async Task<Outcome<AttendanceDto>> CheckInAsync(Guid teamId, Guid eventId, Guid userId, Guid memberId, bool? attended, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<AttendanceDto>>(async (connection, transaction, token) =>
        {
            var (existing, refusal) = await LockForChangeAsync(connection, transaction, teamId, eventId, userId, token);
            if (refusal is not null)
            {
                return refusal;
            }
            if (existing!.Cancelled)
            {
                return new Refusal.Conflict("Event cancelled", "A cancelled event has no attendance to register.");
            }
            if (Instants.Utc(existing.StartsAt) > clock.GetUtcNow())
            {
                return new Refusal.Conflict("Not started", "Attendance is registered once the event has started.");
            }
            if (await connection.RoleAsync(teamId, memberId, transaction, token) is null)
            {
                return new Refusal.NotFound("member");
            }
            await connection.ExecuteAsync(new CommandDefinition(
                attended is null
                    ? "DELETE FROM event_checkins WHERE event_id = @eventId AND user_id = @memberId"
                    : """
                      INSERT INTO event_checkins (event_id, user_id, attended, marked_by) VALUES (@eventId, @memberId, @attended, @userId)
                      ON CONFLICT (event_id, user_id) DO UPDATE SET attended = excluded.attended, marked_by = excluded.marked_by, marked_at = now()
                      """,
                new { eventId, memberId, attended, userId }, transaction, cancellationToken: token));
            // Every member's open list of who came is read again (the push of any change to the event).
            announcer.AfterCommit(transaction, new EventChanged(teamId, eventId));
            return await ReadAttendanceAsync(connection, transaction, teamId, eventId, token);
        }, ct);

    /// <summary>
    /// For each current member, how many of the period's registered events (started, not cancelled, at least one mark)
    /// they came to and missed: every member's for the owner and admins, a member's own for anyone else (Spond shows each
    /// member their own record; the team's is for those who run it).
    /// </summary>
    public async Task<Outcome<AttendanceReportDto>> AttendanceReportAsync(Guid teamId, Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        await db.RunAsync<Outcome<AttendanceReportDto>>(async (connection, token) =>
        {
            var role = await connection.RoleAsync(teamId, userId, null, token);
            if (role is null)
            {
                return new Refusal.NotFound("team");
            }
            Guid? onlyOf = TeamRoles.CanManage(role) ? null : userId;
            // Only events that have started can have marks; an empty period counts none.
            var until = to < clock.GetUtcNow() ? to : clock.GetUtcNow();
            var parameters = new { teamId, from = from.UtcDateTime, until = until.UtcDateTime, onlyOf };
            // One statement: the registered events once, counted and joined; the caller is a member, so a row always comes.
            var members = (await connection.QueryAsync<(Guid Id, string Username, string DisplayName, int Attended, int Absent, int Events)>(new CommandDefinition(
                """
                WITH registered AS (
                    SELECT e.id FROM events e
                    WHERE e.team_id = @teamId AND NOT e.cancelled AND e.starts_at >= @from AND e.starts_at < @until
                      AND EXISTS (SELECT FROM event_checkins c WHERE c.event_id = e.id))
                SELECT u.id, u.username, u.display_name,
                       count(c.event_id) FILTER (WHERE c.attended)::int, count(c.event_id) FILTER (WHERE NOT c.attended)::int,
                       (SELECT count(*) FROM registered)::int
                FROM team_members m
                JOIN users u ON u.id = m.user_id
                LEFT JOIN event_checkins c ON c.user_id = m.user_id AND c.event_id IN (SELECT id FROM registered)
                WHERE m.team_id = @teamId AND (@onlyOf::uuid IS NULL OR m.user_id = @onlyOf)
                GROUP BY u.id, u.username, u.display_name
                ORDER BY u.display_name, u.id
                """,
                parameters, cancellationToken: token))).ToList();
            var events = members.Count > 0 ? members[0].Events : 0;
            return new AttendanceReportDto(from, to, events,
                [.. members.Select(m => new MemberAttendanceDto(new UserDto(m.Id.ToString(), m.Username, m.DisplayName), m.Attended, m.Absent))]);
        }, ct);
}
