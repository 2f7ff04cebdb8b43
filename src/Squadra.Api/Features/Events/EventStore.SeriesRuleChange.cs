using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;

namespace Squadra.Api.Features.Events;

/// <summary>
/// A series' rule changed after its creation (Tuesdays → Tuesdays and Thursdays, another end), for all its occurrences
/// or from one on. The occurrences are matched by RECURRENCE-ID (which occurrence of the rule a row is): those the new
/// rule keeps stay, with their answers and any change made to them alone; those it no longer has are deleted, their
/// answers with them, unless they have started (what happened stays as history); those it adds are made, as the
/// series' later occurrences are.
/// </summary>
internal sealed partial class EventStore
{
    /// <summary>The series the occurrences now belong to, and the occurrence to answer the request with.</summary>
    private readonly record struct RuleChanged(Guid SeriesId, Guid AnswerId);

    /// <summary>
    /// With "following" the series is split: one rule cannot say "Tuesdays until now, then Tuesdays and Thursdays", so
    /// the series ends before the occurrence the change was made on, and a new series, with the new rule starting at
    /// that occurrence's RECURRENCE-ID (its count counts from there), takes over the occurrences from there on.
    /// </summary>
    private async Task<(RuleChanged? Changed, Refusal? Refusal)> ChangeRuleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid eventId, LockedEvent addressed, SeriesRule rule, EventChanges changes,
        bool all, CancellationToken ct)
    {
        var recurrence = changes.Recurrence!;
        if (recurrence.TimeZone != rule.TimeZone)
        {
            return (null, new Refusal.Invalid("recurrence.timeZone", $"A series keeps its time zone ({rule.TimeZone}); another zone is a new series."));
        }
        var seriesId = addressed.SeriesId!.Value;
        var addressedId = Instants.Utc(addressed.RecurrenceId!.Value);
        var from = all ? DateTimeOffset.MinValue : addressedId;
        var newRule = new SeriesRule(recurrence.Frequency!, recurrence.Interval ?? 1, recurrence.ByDay ?? [], changes.RecurrenceUntil, recurrence.Count,
            rule.TimeZone, all ? rule.FirstLocalStart : TimeZoneInfo.ConvertTime(addressedId, rule.Zone).DateTime, rule.LocalShift);
        var (_, _, listedUntil) = await SeriesOccurrences.LoadAsync(connection, transaction, seriesId, ct);
        var now = clock.GetUtcNow();
        var horizon = SeriesOccurrences.Horizon(now, Instants.Utc(addressed.StartsAt));
        if (Instants.Utc(listedUntil) > horizon)
        {
            horizon = Instants.Utc(listedUntil);
        }
        var wanted = SeriesOccurrences.Between(newRule, from, horizon);
        if (wanted.Count == 0)
        {
            return (null, new Refusal.Invalid("recurrence", "The new rule leaves no occurrence: check its end (until or count)."));
        }
        var ruleColumns = new
        {
            seriesId, newSeriesId = Guid.CreateVersion7(), newRule.Frequency, newRule.Interval, ByDay = newRule.ByDay.ToArray(),
            Until = newRule.Until?.UtcDateTime, newRule.Count, newRule.FirstLocalStart, horizon = horizon.UtcDateTime,
            ended = !SeriesOccurrences.HasMoreFrom(newRule, horizon), before = addressedId.UtcDateTime.AddSeconds(-1), from = from.UtcDateTime,
        };
        var target = all ? seriesId : ruleColumns.newSeriesId;
        if (all)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE event_series SET frequency = @Frequency, interval = @Interval, by_day = @ByDay, until = @Until, count = @Count,
                       listed_until = @horizon, ended = @ended
                WHERE id = @seriesId
                """, ruleColumns, transaction, cancellationToken: ct));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO event_series (id, team_id, created_by, frequency, interval, by_day, until, count, time_zone, first_local_start,
                                          local_shift, title, description, location, duration, capacity, deadline_before, rsvp_request_lead,
                                          creator_going, listed_until, ended)
                SELECT @newSeriesId, team_id, created_by, @Frequency, @Interval, @ByDay, @Until, @Count, time_zone, @FirstLocalStart,
                       local_shift, title, description, location, duration, capacity, deadline_before, rsvp_request_lead, creator_going,
                       @horizon, @ended
                FROM event_series WHERE id = @seriesId;
                -- The old series ends just before this occurrence: its rule says so (its count, if any, becomes that end).
                UPDATE event_series SET until = @before, count = NULL, ended = true WHERE id = @seriesId;
                UPDATE events SET series_id = @newSeriesId, updated_at = now() WHERE series_id = @seriesId AND recurrence_id >= @from;
                """, ruleColumns, transaction, cancellationToken: ct));
        }

        var rows = (await connection.QueryAsync<(Guid Id, DateTime RecurrenceId, DateTime StartsAt)>(new CommandDefinition(
            "SELECT id, recurrence_id, starts_at FROM events WHERE series_id = @target ORDER BY starts_at, id FOR UPDATE",
            new { target }, transaction, cancellationToken: ct))).ToList();
        var kept = wanted.Select(o => o.RecurrenceId.UtcDateTime).ToHashSet();
        var removed = rows.Where(r => !kept.Contains(r.RecurrenceId) && Instants.Utc(r.StartsAt) > now).Select(r => r.Id).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM events WHERE id = ANY(@removed)", new { removed }, transaction, cancellationToken: ct));
        var (_, template, _) = await SeriesOccurrences.LoadAsync(connection, transaction, target, ct);
        // Only what is still to come is made: a rule changed today does not invent last month's trainings.
        await SeriesOccurrences.InsertAsync(connection, transaction, template, [.. wanted.Where(o => o.Start > now)], ct);

        // The occurrence the change was made on, when the new rule kept it; otherwise the series' first from its date.
        var answerId = removed.Contains(eventId)
            ? await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT id FROM events WHERE series_id = @target ORDER BY starts_at < @start, starts_at, id LIMIT 1",
                new { target, start = addressed.StartsAt }, transaction, cancellationToken: ct))
            : eventId;
        return (new RuleChanged(target, answerId), null);
    }
}
