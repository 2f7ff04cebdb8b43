using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Features.Teams;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Answers, the waitlist and who comes. Every answer to an event is given with the event's row locked (FOR UPDATE),
/// so answers to one event are taken one at a time whichever replica takes them: a place is counted, given and freed
/// once, and the member promoted when one frees is promoted exactly once, in the transaction that freed it.
/// </summary>
internal sealed partial class EventStore
{
    /// <summary>How many of the team's current members are going to @eventId (EventRow counts alike).</summary>
    private const string GoingMembers = """
        SELECT count(*) FROM event_rsvps er
        JOIN events ev ON ev.id = er.event_id
        JOIN team_members tm ON tm.team_id = ev.team_id AND tm.user_id = er.user_id
        WHERE er.event_id = @eventId AND er.response = 'going'
        """;

    public async Task<Outcome<EventDto>> RsvpAsync(Guid teamId, Guid eventId, Guid userId, string response, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<EventDto>>(async (connection, transaction, token) =>
        {
            if (await connection.RoleAsync(teamId, userId, transaction, token) is null)
            {
                return new Refusal.NotFound("team");
            }
            var existing = await LockAsync(connection, transaction, teamId, eventId, token);
            if (existing is null)
            {
                return new Refusal.NotFound("event");
            }
            if (existing.Cancelled)
            {
                return new Refusal.Conflict("Event cancelled", "A cancelled event takes no answers.");
            }
            if (existing.RsvpDeadline is { } deadline && clock.GetUtcNow() > Instants.Utc(deadline))
            {
                return new Refusal.Conflict("Answers closed", "The event's RSVP deadline has passed.");
            }
            await WriteAnswerAsync(connection, transaction, eventId, userId, await PlaceForAsync(connection, transaction, eventId, userId, response, existing.Capacity, token), token);
            var promotions = await PromoteFromWaitlistAsync(connection, transaction, teamId, eventId, token);
            await promotions.WriteAsync(connection, transaction, notificationWriter, token);
            announcer.AfterCommit(transaction, new EventChanged(teamId, eventId));
            return (await FindAsync(connection, transaction, teamId, eventId, userId, token))!.ToDto();
        }, ct);

    public async Task<Outcome<AttendanceDto>> AttendanceAsync(Guid teamId, Guid eventId, Guid userId, CancellationToken ct) =>
        await db.RunAsync<Outcome<AttendanceDto>>(async (connection, token) =>
        {
            if (await connection.RoleAsync(teamId, userId, null, token) is null)
            {
                return new Refusal.NotFound("team");
            }
            if (await FindAsync(connection, null, teamId, eventId, null, token) is null)
            {
                return new Refusal.NotFound("event");
            }
            return await ReadAttendanceAsync(connection, null, teamId, eventId, token);
        }, ct);

    /// <summary>The team's members by answer, and who came once attendance is registered.</summary>
    private static async Task<AttendanceDto> ReadAttendanceAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid teamId, Guid eventId, CancellationToken ct)
    {
        // The team's members (an answer or a mark of someone who left the team is not shown), each with their answer.
        var rows = (await connection.QueryAsync<(Guid Id, string Username, string DisplayName, string? Response, DateTime? AnsweredAt, bool? Attended)>(new CommandDefinition(
            """
            SELECT u.id, u.username, u.display_name, r.response, r.updated_at, c.attended
            FROM team_members m
            JOIN users u ON u.id = m.user_id
            LEFT JOIN event_rsvps r ON r.event_id = @eventId AND r.user_id = m.user_id
            LEFT JOIN event_checkins c ON c.event_id = @eventId AND c.user_id = m.user_id
            WHERE m.team_id = @teamId
            """,
            new { teamId, eventId }, transaction, cancellationToken: ct))).ToList();
        IReadOnlyList<UserDto> Answered(string? response) => [.. rows
            .Where(r => r.Response == response)
            .OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id)
            .Select(r => new UserDto(r.Id.ToString(), r.Username, r.DisplayName))];
        IReadOnlyList<UserDto> waitlisted = [.. rows
            .Where(r => r.Response == EventRules.RsvpWaitlisted)
            .OrderBy(r => r.AnsweredAt).ThenBy(r => r.Id)
            .Select(r => new UserDto(r.Id.ToString(), r.Username, r.DisplayName))];
        IReadOnlyList<string> Marked(bool attended) => [.. rows.Where(r => r.Attended == attended).Select(r => r.Id.ToString()).Order(StringComparer.Ordinal)];
        return new AttendanceDto(
            Answered(EventRules.RsvpGoing), Answered(EventRules.RsvpMaybe), Answered(EventRules.RsvpDeclined), waitlisted, Answered(null),
            Marked(attended: true), Marked(attended: false));
    }

    /// <summary>
    /// What an answer becomes: "going" to a full event is "waitlisted" (and a member already going or waitlisted keeps
    /// their place); any other answer is itself.
    /// </summary>
    private static async Task<string> PlaceForAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid eventId, Guid userId, string response, int? capacity, CancellationToken ct)
    {
        if (response != EventRules.RsvpGoing || capacity is null)
        {
            return response;
        }
        var (current, going) = await connection.QuerySingleAsync<(string? Current, int Going)>(new CommandDefinition(
            $$"""
            SELECT (SELECT response FROM event_rsvps WHERE event_id = @eventId AND user_id = @userId),
                   ({{GoingMembers}})::int
            """,
            new { eventId, userId }, transaction, cancellationToken: ct));
        return current is EventRules.RsvpGoing or EventRules.RsvpWaitlisted ? current
            : going < capacity ? EventRules.RsvpGoing
            : EventRules.RsvpWaitlisted;
    }

    /// <summary>The answer; its time changes only when the answer does, so it orders the waitlist by arrival.</summary>
    private static Task<int> WriteAnswerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid eventId, Guid userId, string response, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO event_rsvps (event_id, user_id, response) VALUES (@eventId, @userId, @response)
            ON CONFLICT (event_id, user_id) DO UPDATE SET response = excluded.response,
                updated_at = CASE WHEN event_rsvps.response = excluded.response THEN event_rsvps.updated_at ELSE now() END
            """,
            new { eventId, userId, response }, transaction, cancellationToken: ct));

    /// <summary>
    /// Gives every free place to the earliest waitlisted members (all of them when there is no limit any more); the
    /// batch (<paramref name="into"/>, or a new one) holds an event.promoted for each, for the caller to write in this
    /// transaction. The event's row is locked.
    /// </summary>
    private static async Task<NotificationBatch> PromoteFromWaitlistAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid eventId, CancellationToken ct, NotificationBatch? into = null)
    {
        var promoted = (await connection.QueryAsync<Guid>(new CommandDefinition(
            $$"""
            WITH free AS (
                SELECT CASE WHEN e.capacity IS NULL THEN NULL
                            ELSE greatest(e.capacity - ({{GoingMembers}}), 0)
                       END AS places
                FROM events e WHERE e.id = @eventId),
            next AS (
                SELECT user_id FROM event_rsvps
                WHERE event_id = @eventId AND response = 'waitlisted'
                  AND EXISTS (SELECT FROM team_members tm WHERE tm.team_id = @teamId AND tm.user_id = event_rsvps.user_id)
                ORDER BY updated_at, user_id
                LIMIT (SELECT places FROM free))
            UPDATE event_rsvps r SET response = 'going', updated_at = now()
            FROM next WHERE r.event_id = @eventId AND r.user_id = next.user_id
            RETURNING r.user_id
            """,
            new { eventId, teamId }, transaction, cancellationToken: ct))).ToList();
        var batch = into ?? new NotificationBatch();
        if (promoted.Count > 0)
        {
            var forEveryone = (await FindAsync(connection, transaction, teamId, eventId, null, ct))!.ToDto();
            batch.Add(promoted, NotificationTypes.EventPromoted, teamId, new EventNotificationData(forEveryone));
        }
        return batch;
    }
}
