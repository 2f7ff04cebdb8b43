using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Features.Teams;
using Squadra.Api.Idempotency;
using Squadra.Api.Realtime;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Events;

/// <summary>A team's events: create, list, change, cancel (this file); answers, the waitlist and attendance (EventStore.Attendance.cs).</summary>
internal sealed partial class EventStore(Db db, Announcer announcer, NotificationWriter notificationWriter, TimeProvider clock)
{
    /// <summary>The Location of a created event: the same in the first answer and in its idempotent replays.</summary>
    public static string EventLocation(Guid teamId, string eventId) => $"/api/teams/{teamId}/events/{eventId}";

    public async Task<Outcome<EventDto>> CreateAsync(Guid teamId, Guid userId, EventChanges changes, IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<EventDto>>(async (connection, transaction, token) =>
        {
            if (await connection.RoleAsync(teamId, userId, transaction, token) is null)
            {
                return new Refusal.NotFound("team");
            }
            var id = changes.Recurrence is null
                ? await CreateSingleAsync(connection, transaction, teamId, userId, changes, token)
                : await CreateSeriesAsync(connection, transaction, teamId, userId, changes, token);
            // A series is one push for all its occurrences, as it is one notification.
            var created = await AnnounceAsync(connection, transaction, teamId, id, userId, NotificationTypes.EventCreated, token,
                seriesScope: changes.Recurrence is null ? null : EventRules.ScopeAll);
            await idempotency.RecordAsync(connection, transaction, StatusCodes.Status201Created, created, EventLocation(teamId, created.Id), token);
            return created;
        }, ct);

    private static async Task<Guid> CreateSingleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid userId, EventChanges changes, CancellationToken token)
    {
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO events (id, team_id, title, description, location, starts_at, ends_at, created_by, capacity, rsvp_deadline, rsvp_request_lead)
            VALUES (@id, @teamId, @Title, coalesce(@Description, ''), coalesce(@Location, ''), @StartsAt, @EndsAt, @userId,
                    @Capacity, @RsvpDeadline, make_interval(mins => @RsvpRequestLeadMinutes))
            """,
            new
            {
                id, teamId, userId, changes.Title, changes.Description, changes.Location, changes.StartsAt, changes.EndsAt,
                changes.Capacity, changes.RsvpDeadline, changes.RsvpRequestLeadMinutes,
            },
            transaction, cancellationToken: token));
        if (changes.CreatorGoing)
        {
            // A new event has every place free: the creator is going, never waitlisted.
            await WriteAnswerAsync(connection, transaction, id, userId, EventRules.RsvpGoing, token);
        }
        return id;
    }

    public async Task<Outcome<IReadOnlyList<EventDto>>> ListAsync(Guid teamId, Guid userId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct) =>
        await db.RunAsync<Outcome<IReadOnlyList<EventDto>>>(async (connection, token) =>
        {
            if (await connection.RoleAsync(teamId, userId, null, token) is null)
            {
                return new Refusal.NotFound("team");
            }
            // An event belongs to a window when it overlaps it.
            var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
                $"""
                {EventRow.Select}
                WHERE e.team_id = @teamId
                  AND (@from::timestamptz IS NULL OR coalesce(e.ends_at, e.starts_at) >= @from)
                  AND (@to::timestamptz IS NULL OR e.starts_at < @to)
                ORDER BY e.starts_at, e.id
                """,
                new { teamId, viewer = userId, from, to }, cancellationToken: token));
            return rows.Select(r => r.ToDto()).ToList();
        }, ct);

    public async Task<Outcome<EventDto>> GetAsync(Guid teamId, Guid eventId, Guid userId, CancellationToken ct) =>
        await db.RunAsync<Outcome<EventDto>>(async (connection, token) =>
            await connection.RoleAsync(teamId, userId, null, token) is null
                ? new Refusal.NotFound("team")
                : await FindAsync(connection, null, teamId, eventId, userId, token) is { } found ? found.ToDto() : new Refusal.NotFound("event"),
            ct);

    public async Task<Outcome<EventDto>> UpdateAsync(Guid teamId, Guid eventId, Guid userId, EventChanges changes, string scope, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<EventDto>>(async (connection, transaction, token) =>
        {
            var (existing, refusal) = await LockForChangeAsync(connection, transaction, teamId, eventId, userId, token);
            if (refusal is not null)
            {
                return refusal;
            }
            if (existing!.Cancelled)
            {
                return new Refusal.Conflict("Event cancelled", "A cancelled event cannot be changed.");
            }
            var startsAt = changes.StartsAt ?? Instants.Utc(existing.StartsAt);
            var endsAt = changes.EndsAt ?? (existing.EndsAt is { } end ? Instants.Utc(end) : null);
            var deadline = changes.RsvpDeadline ?? (existing.RsvpDeadline is { } stored ? Instants.Utc(stored) : null);
            if (endsAt < startsAt)
            {
                return new Refusal.Invalid("endsAt", "endsAt must not be before startsAt.");
            }
            if (deadline > startsAt)
            {
                return new Refusal.Invalid("rsvpDeadline", "rsvpDeadline must not be after startsAt.");
            }
            if (changes.Recurrence is not null && (scope == EventRules.ScopeThis || existing.SeriesId is null))
            {
                return new Refusal.Invalid("recurrence",
                    "A repeat rule changes for a series' following occurrences or all of them (?scope=following or all); one event has none of its own.");
            }
            if (scope != EventRules.ScopeThis && existing.SeriesId is not null)
            {
                return await UpdateSeriesAsync(connection, transaction, teamId, eventId, userId, existing, changes, scope == EventRules.ScopeAll,
                    startsAt, endsAt, deadline, token);
            }
            // Capacity: null keeps it, 0 removes the limit. A lower capacity sends nobody back to the waitlist: the
            // places already given stay given (Spond does the same), and new answers wait until there is room.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE events SET title = coalesce(@Title, title), description = coalesce(@Description, description),
                       location = coalesce(@Location, location), starts_at = @startsAt, ends_at = @endsAt,
                       capacity = CASE WHEN @Capacity IS NULL THEN capacity WHEN @Capacity = 0 THEN NULL ELSE @Capacity END,
                       rsvp_deadline = @deadline,
                       rsvp_request_lead = coalesce(make_interval(mins => @RsvpRequestLeadMinutes), rsvp_request_lead),
                       reminded = reminded AND starts_at = @startsAt,
                       rsvp_requested = rsvp_requested AND starts_at = @startsAt,
                       updated_at = now()
                WHERE id = @eventId
                """,
                new
                {
                    eventId, changes.Title, changes.Description, changes.Location, startsAt, endsAt, changes.Capacity, deadline,
                    changes.RsvpRequestLeadMinutes,
                },
                transaction, cancellationToken: token));
            // More places (or none counted any more) may take members off the waitlist.
            var promotions = await PromoteFromWaitlistAsync(connection, transaction, teamId, eventId, token);
            return await AnnounceAsync(connection, transaction, teamId, eventId, userId, NotificationTypes.EventUpdated, token, promotions);
        }, ct);

    public async Task<Outcome<bool>> CancelAsync(Guid teamId, Guid eventId, Guid userId, string scope, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<bool>>(async (connection, transaction, token) =>
        {
            var (existing, refusal) = await LockForChangeAsync(connection, transaction, teamId, eventId, userId, token);
            if (refusal is not null)
            {
                return refusal;
            }
            if (scope != EventRules.ScopeThis && existing!.SeriesId is not null)
            {
                await CancelSeriesAsync(connection, transaction, teamId, eventId, userId, existing, scope == EventRules.ScopeAll, token);
            }
            else if (!existing!.Cancelled)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE events SET cancelled = true, updated_at = now() WHERE id = @eventId", new { eventId }, transaction, cancellationToken: token));
                await AnnounceAsync(connection, transaction, teamId, eventId, userId, NotificationTypes.EventCancelled, token);
            }
            return true;
        }, ct);

    /// <summary>The team's events as everyone sees them (no own answer), each with when it last changed, for the calendar feed.</summary>
    public async Task<IReadOnlyList<(EventDto Event, DateTimeOffset Changed)>> AllOfTeamAsync(Guid teamId, CancellationToken ct) =>
        [.. (await db.RunAsync((connection, token) => connection.QueryAsync<EventRow>(new CommandDefinition(
            $"{EventRow.Select} WHERE e.team_id = @teamId ORDER BY e.starts_at, e.id",
            new { teamId, viewer = (Guid?)null }, cancellationToken: token)), ct)).Select(r => (r.ToDto(), Instants.Utc(r.UpdatedAt)))];

    public async Task<EventDto?> FindForEveryoneAsync(Guid teamId, Guid eventId, CancellationToken ct) =>
        (await db.RunAsync((connection, token) => FindAsync(connection, null, teamId, eventId, null, token), ct))?.ToDto();

    public static async Task<EventDto?> FindForEveryoneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid eventId, CancellationToken ct) =>
        (await FindAsync(connection, transaction, teamId, eventId, null, ct))?.ToDto();

    /// <summary>
    /// Notifies every member but the actor (and the members promoted off the waitlist, of that) and announces the
    /// change to the team's live connections: with <paramref name="seriesScope"/>, as a change to that much of the
    /// event's series (one push for all the occurrences it reached).
    /// </summary>
    private async Task<EventDto> AnnounceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid eventId, Guid actorId, string type, CancellationToken ct,
        NotificationBatch? promotions = null, string? seriesScope = null)
    {
        var forEveryone = (await FindAsync(connection, transaction, teamId, eventId, null, ct))!.ToDto();
        var members = await connection.MemberIdsAsync(teamId, transaction, ct);
        await (promotions ?? new NotificationBatch())
            .Add(members.Where(m => m != actorId), type, teamId, new EventNotificationData(forEveryone))
            .WriteAsync(connection, transaction, notificationWriter, ct);
        announcer.AfterCommit(transaction, new EventChanged(teamId, eventId, seriesScope));
        return (await FindAsync(connection, transaction, teamId, eventId, actorId, ct))!.ToDto();
    }

    private sealed record LockedEvent(
        Guid CreatedBy, bool Cancelled, DateTime StartsAt, DateTime? EndsAt, int? Capacity, DateTime? RsvpDeadline, Guid? SeriesId, DateTime? RecurrenceId);

    private static async Task<(LockedEvent? Event, Refusal? Refusal)> LockForChangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid eventId, Guid userId, CancellationToken ct)
    {
        var role = await connection.RoleAsync(teamId, userId, transaction, ct);
        if (role is null)
        {
            return (null, new Refusal.NotFound("team"));
        }
        var existing = await LockAsync(connection, transaction, teamId, eventId, ct);
        return existing switch
        {
            null => (null, new Refusal.NotFound("event")),
            _ when existing.CreatedBy != userId && !TeamRoles.CanManage(role) =>
                (null, new Refusal.Forbidden("Only the event's creator, the team's owner or an admin can change it.")),
            _ => (existing, null),
        };
    }

    private static Task<LockedEvent?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid eventId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LockedEvent>(new CommandDefinition(
            """
            SELECT created_by AS CreatedBy, cancelled, starts_at AS StartsAt, ends_at AS EndsAt, capacity, rsvp_deadline AS RsvpDeadline,
                   series_id AS SeriesId, recurrence_id AS RecurrenceId
            FROM events WHERE id = @eventId AND team_id = @teamId FOR UPDATE
            """,
            new { teamId, eventId }, transaction, cancellationToken: ct));

    private static Task<EventRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid teamId, Guid eventId, Guid? viewer, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"{EventRow.Select} WHERE e.team_id = @teamId AND e.id = @eventId",
            new { teamId, eventId, viewer }, transaction, cancellationToken: ct));
}
