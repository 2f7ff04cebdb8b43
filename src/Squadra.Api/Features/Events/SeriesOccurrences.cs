using Dapper;
using Npgsql;

namespace Squadra.Api.Features.Events;

/// <summary>
/// What the occurrences of a series are made from: the rule and the template stored with the series (the first
/// occurrence's fields, then whatever edits of "following" or "all" changed).
/// </summary>
internal sealed record SeriesTemplate(
    Guid Id, Guid TeamId, Guid CreatedBy, string Title, string Description, string Location, TimeSpan? Duration, int? Capacity,
    TimeSpan? DeadlineBefore, TimeSpan? RsvpRequestLead, bool CreatorGoing);

/// <summary>Makes a series' occurrences as rows of events; shared by the series' creation and its topping up.</summary>
internal static class SeriesOccurrences
{
    /// <summary>How far ahead occurrences exist: the next 12 months (of the series' first start when that is later).</summary>
    public static DateTimeOffset Horizon(DateTimeOffset now, DateTimeOffset firstStart) => (now > firstStart ? now : firstStart).AddDays(365);

    /// <summary>
    /// The rule's occurrences in [from, before), by the rule's own times (RECURRENCE-ID): expanded from about
    /// <paramref name="from"/>, not from the first occurrence (<see cref="SeriesRule.Occurrences"/>), so a top-up
    /// costs the window it fills, however old the series.
    /// </summary>
    public static List<(DateTimeOffset RecurrenceId, DateTimeOffset Start)> Between(SeriesRule rule, DateTimeOffset from, DateTimeOffset before) =>
        [.. rule.Occurrences(from).SkipWhile(o => o.RecurrenceId < from).TakeWhile(o => o.RecurrenceId < before)];

    /// <summary>Whether the rule has occurrences from <paramref name="before"/> on (a rule without end always has).</summary>
    public static bool HasMoreFrom(SeriesRule rule, DateTimeOffset before) =>
        rule.Occurrences(before).SkipWhile(o => o.RecurrenceId < before).Any();

    /// <summary>Inserts the occurrences (one that exists already is left as it is); returns the new rows' ids.</summary>
    public static async Task<IReadOnlyList<Guid>> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SeriesTemplate series,
        IReadOnlyList<(DateTimeOffset RecurrenceId, DateTimeOffset Start)> occurrences, CancellationToken ct)
    {
        if (occurrences.Count == 0)
        {
            return [];
        }
        var ids = occurrences.Select(_ => Guid.CreateVersion7()).ToArray();
        var made = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            INSERT INTO events (id, team_id, title, description, location, starts_at, ends_at, created_by, capacity, rsvp_deadline,
                                rsvp_request_lead, series_id, recurrence_id)
            SELECT o.id, @TeamId, @Title, @Description, @Location, o.starts_at, o.starts_at + @duration * interval '1 second', @CreatedBy,
                   @Capacity, o.starts_at - @deadlineBefore * interval '1 second', @lead * interval '1 second', @Id, o.recurrence_id
            FROM unnest(@ids, @starts, @recurrenceIds) AS o(id, starts_at, recurrence_id)
            ON CONFLICT (series_id, recurrence_id) WHERE series_id IS NOT NULL DO NOTHING
            RETURNING id
            """,
            new
            {
                series.TeamId, series.Title, series.Description, series.Location, series.CreatedBy, series.Capacity, series.Id, ids,
                // Spans go as seconds: Dapper would send a TimeSpan as a time of day, not an interval.
                duration = Seconds(series.Duration), deadlineBefore = Seconds(series.DeadlineBefore), lead = Seconds(series.RsvpRequestLead),
                starts = occurrences.Select(o => o.Start.UtcDateTime).ToArray(),
                recurrenceIds = occurrences.Select(o => o.RecurrenceId.UtcDateTime).ToArray(),
            },
            transaction, cancellationToken: ct))).ToList();
        if (series.CreatorGoing && made.Count > 0)
        {
            // A new occurrence has every place free: the creator is going, never waitlisted.
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO event_rsvps (event_id, user_id, response) SELECT unnest(@made), @CreatedBy, 'going'",
                new { made = made.ToArray(), series.CreatedBy }, transaction, cancellationToken: ct));
        }
        return made;
    }

    /// <summary>A span as a query parameter (<c>@x * interval '1 second'</c>): Dapper sends a TimeSpan as a time of day.</summary>
    public static double? Seconds(TimeSpan? span) => span?.TotalSeconds;

    public static async Task<(SeriesRule Rule, SeriesTemplate Template, DateTime ListedUntil)> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid seriesId, CancellationToken ct) =>
        (await connection.QuerySingleAsync<StoredSeries>(new CommandDefinition(
            $"{StoredSeries.Select} WHERE id = @seriesId FOR UPDATE", new { seriesId }, transaction, cancellationToken: ct))).Split();

    /// <summary>A row of event_series (by_day read as "MO,TH": Dapper matches no constructor to a text[] column).</summary>
    internal sealed record StoredSeries(
        Guid Id, Guid TeamId, Guid CreatedBy, string Frequency, int Interval, string ByDay, DateTime? Until, int? Count, string TimeZone,
        DateTime FirstLocalStart, TimeSpan LocalShift, string Title, string Description, string Location, TimeSpan? Duration, int? Capacity,
        TimeSpan? DeadlineBefore, TimeSpan? RsvpRequestLead, bool CreatorGoing, DateTime ListedUntil)
    {
        public const string Select = """
            SELECT id, team_id AS TeamId, created_by AS CreatedBy, frequency, interval, array_to_string(by_day, ',') AS ByDay, until, count, time_zone AS TimeZone,
                   first_local_start AS FirstLocalStart, local_shift AS LocalShift, title, description, location, duration, capacity,
                   deadline_before AS DeadlineBefore, rsvp_request_lead AS RsvpRequestLead, creator_going AS CreatorGoing,
                   listed_until AS ListedUntil
            FROM event_series
            """;

        public (SeriesRule Rule, SeriesTemplate Template, DateTime ListedUntil) Split() => (
            new SeriesRule(Frequency, Interval, SeriesRule.Days(ByDay), Until is { } until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null,
                Count, TimeZone, FirstLocalStart, LocalShift),
            new SeriesTemplate(Id, TeamId, CreatedBy, Title, Description, Location, Duration, Capacity, DeadlineBefore, RsvpRequestLead, CreatorGoing),
            ListedUntil);
    }
}
