using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Recurring series: made with their first 12 months of occurrences (topped up later by <see cref="SeriesExtender"/>),
/// changed or cancelled for this occurrence, this and the following ones, or all. A change to several occurrences is
/// one notification to the members and one push to the team's connections, both of the occurrence it was made on,
/// the push naming the series and the scope (clients read the series again): not one per occurrence.
/// </summary>
internal sealed partial class EventStore
{
    /// <summary>Makes the series and its occurrences; returns the first occurrence's id.</summary>
    private async Task<Guid> CreateSeriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid userId, EventChanges changes, CancellationToken ct)
    {
        var start = changes.StartsAt!.Value;
        var rule = SeriesRule.For(changes.Recurrence!, start, changes.RecurrenceUntil);
        var horizon = SeriesOccurrences.Horizon(clock.GetUtcNow(), start);
        var template = new SeriesTemplate(
            Guid.CreateVersion7(), teamId, userId, changes.Title!, changes.Description ?? "", changes.Location ?? "", changes.EndsAt - start,
            changes.Capacity, start - changes.RsvpDeadline, changes.RsvpRequestLeadMinutes is { } lead ? TimeSpan.FromMinutes(lead) : null,
            changes.CreatorGoing);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO event_series (id, team_id, created_by, frequency, interval, by_day, until, count, time_zone, first_local_start, title,
                                      description, location, duration, capacity, deadline_before, rsvp_request_lead, creator_going,
                                      listed_until, ended)
            VALUES (@Id, @TeamId, @CreatedBy, @Frequency, @Interval, @ByDay, @Until, @Count, @TimeZone, @FirstLocalStart, @Title, @Description,
                    @Location, @duration * interval '1 second', @Capacity, @deadlineBefore * interval '1 second', @lead * interval '1 second',
                    @CreatorGoing, @horizon, @ended)
            """,
            new
            {
                template.Id, template.TeamId, template.CreatedBy, rule.Frequency, rule.Interval, ByDay = rule.ByDay.ToArray(),
                Until = rule.Until?.UtcDateTime, rule.Count, rule.TimeZone, rule.FirstLocalStart, template.Title, template.Description,
                template.Location, duration = SeriesOccurrences.Seconds(template.Duration), template.Capacity,
                deadlineBefore = SeriesOccurrences.Seconds(template.DeadlineBefore), lead = SeriesOccurrences.Seconds(template.RsvpRequestLead),
                template.CreatorGoing, horizon = horizon.UtcDateTime, ended = !SeriesOccurrences.HasMoreFrom(rule, horizon),
            },
            transaction, cancellationToken: ct));
        await SeriesOccurrences.InsertAsync(connection, transaction, template, SeriesOccurrences.Between(rule, DateTimeOffset.MinValue, horizon), ct);
        return await connection.QuerySingleAsync<Guid>(new CommandDefinition(
            "SELECT id FROM events WHERE series_id = @Id ORDER BY starts_at, id LIMIT 1", new { template.Id }, transaction, cancellationToken: ct));
    }

    /// <summary>
    /// The change made on one occurrence, carried to the following ones or all of them (cancelled ones aside): the same
    /// title, place and limits, and the same move in local time (18:30 → 19:00 is 19:00 on every date, whatever the
    /// DST); an end or deadline given keeps its distance from the start. Occurrences made later follow too.
    /// </summary>
    private async Task<Outcome<EventDto>> UpdateSeriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid eventId, Guid userId, LockedEvent addressed,
        EventChanges changes, bool all, DateTimeOffset newStart, DateTimeOffset? newEnd, DateTimeOffset? newDeadline, CancellationToken ct)
    {
        var (rule, _, _) = await SeriesOccurrences.LoadAsync(connection, transaction, addressed.SeriesId!.Value, ct);
        // A move is measured on the occurrence the change was made on, before a new rule may remove it.
        var shift = rule.LocalDifference(Instants.Utc(addressed.StartsAt), newStart);
        var scope = all ? EventRules.ScopeAll : EventRules.ScopeFollowing;
        if (changes.Recurrence is not null)
        {
            var (changed, refusal) = await ChangeRuleAsync(connection, transaction, eventId, addressed, rule, changes, all, ct);
            if (refusal is not null)
            {
                return refusal;
            }
            // What follows applies to every occurrence of the series the new rule made: with "following", a new one.
            (eventId, addressed, all) = (changed!.Value.AnswerId, addressed with { SeriesId = changed.Value.SeriesId }, true);
        }
        TimeSpan? duration = changes.EndsAt is not null ? newEnd - newStart : null;
        TimeSpan? deadlineBefore = changes.RsvpDeadline is not null ? newStart - newDeadline : null;
        var rows = (await connection.QueryAsync<(Guid Id, DateTime StartsAt, DateTime? EndsAt, DateTime? RsvpDeadline)>(new CommandDefinition(
            """
            SELECT id, starts_at, ends_at, rsvp_deadline FROM events
            WHERE series_id = @seriesId AND NOT cancelled AND (@all OR recurrence_id >= @recurrenceId)
            ORDER BY starts_at
            FOR UPDATE
            """,
            new { seriesId = addressed.SeriesId, all, recurrenceId = addressed.RecurrenceId }, transaction, cancellationToken: ct))).ToList();
        var moved = rows.Select(row =>
        {
            var was = Instants.Utc(row.StartsAt);
            var start = rule.Shifted(was, shift);
            var end = duration is { } d ? start + d : row.EndsAt is { } e ? start + (Instants.Utc(e) - was) : (DateTimeOffset?)null;
            var deadline = deadlineBefore is { } b ? start - b : row.RsvpDeadline is { } r ? start - (was - Instants.Utc(r)) : (DateTimeOffset?)null;
            return (row.Id, Start: start.UtcDateTime, End: end?.UtcDateTime, Deadline: deadline?.UtcDateTime);
        }).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE events e SET title = coalesce(@Title, title), description = coalesce(@Description, description),
                   location = coalesce(@Location, location), starts_at = u.starts_at, ends_at = u.ends_at, rsvp_deadline = u.deadline,
                   capacity = CASE WHEN @Capacity IS NULL THEN capacity WHEN @Capacity = 0 THEN NULL ELSE @Capacity END,
                   rsvp_request_lead = coalesce(make_interval(mins => @RsvpRequestLeadMinutes), rsvp_request_lead),
                   reminded = reminded AND e.starts_at = u.starts_at,
                   rsvp_requested = rsvp_requested AND e.starts_at = u.starts_at,
                   updated_at = now()
            FROM unnest(@ids, @starts, @ends, @deadlines) AS u(id, starts_at, ends_at, deadline)
            WHERE e.id = u.id
            """,
            new
            {
                changes.Title, changes.Description, changes.Location, changes.Capacity, changes.RsvpRequestLeadMinutes,
                ids = moved.Select(m => m.Id).ToArray(), starts = moved.Select(m => m.Start).ToArray(),
                ends = moved.Select(m => m.End).ToArray(), deadlines = moved.Select(m => m.Deadline).ToArray(),
            },
            transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE event_series SET title = coalesce(@Title, title), description = coalesce(@Description, description),
                   location = coalesce(@Location, location), local_shift = local_shift + @shift * interval '1 second',
                   duration = coalesce(@duration * interval '1 second', duration),
                   capacity = CASE WHEN @Capacity IS NULL THEN capacity WHEN @Capacity = 0 THEN NULL ELSE @Capacity END,
                   deadline_before = coalesce(@deadlineBefore * interval '1 second', deadline_before),
                   rsvp_request_lead = coalesce(make_interval(mins => @RsvpRequestLeadMinutes), rsvp_request_lead)
            WHERE id = @seriesId
            """,
            new
            {
                seriesId = addressed.SeriesId, changes.Title, changes.Description, changes.Location, changes.Capacity, changes.RsvpRequestLeadMinutes,
                shift = shift.TotalSeconds, duration = SeriesOccurrences.Seconds(duration), deadlineBefore = SeriesOccurrences.Seconds(deadlineBefore),
            },
            transaction, cancellationToken: ct));
        foreach (var (id, _, _, _) in moved)
        {
            // More places may take members off each occurrence's waitlist.
            await (await PromoteFromWaitlistAsync(connection, transaction, teamId, id, ct)).WriteAsync(connection, transaction, notificationWriter, ct);
        }
        return await AnnounceAsync(connection, transaction, teamId, eventId, userId, NotificationTypes.EventUpdated, ct, seriesScope: scope);
    }

    /// <summary>Cancels this occurrence and the following ones, or all: no more are made, and the members hear of it once.</summary>
    private async Task CancelSeriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid eventId, Guid userId, LockedEvent addressed, bool all,
        CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE events SET cancelled = true, updated_at = now()
            WHERE series_id = @seriesId AND NOT cancelled AND (@all OR recurrence_id >= @recurrenceId)
            """,
            new { seriesId = addressed.SeriesId, all, recurrenceId = addressed.RecurrenceId }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE event_series SET ended = true WHERE id = @seriesId", new { seriesId = addressed.SeriesId }, transaction, cancellationToken: ct));
        await AnnounceAsync(connection, transaction, teamId, eventId, userId, NotificationTypes.EventCancelled, ct,
            seriesScope: all ? EventRules.ScopeAll : EventRules.ScopeFollowing);
    }
}
