using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

/// <summary>
/// A series' rule, expanded by Ical.Net with RFC 5545's semantics: the occurrences keep the first one's local time in
/// the series' zone (18:30 in Rome stays 18:30 across a DST change), a monthly series skips months without its day, a
/// count counts from the first occurrence. <see cref="LocalShift"/> is what edits of "following" or "all" moved the
/// local time by since.
/// </summary>
internal sealed record SeriesRule(
    string Frequency, int Interval, IReadOnlyList<string> ByDay, DateTimeOffset? Until, int? Count, string TimeZone, DateTime FirstLocalStart,
    TimeSpan LocalShift)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public static SeriesRule For(RecurrenceDto recurrence, DateTimeOffset firstStart, DateTimeOffset? until)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(recurrence.TimeZone!);
        return new SeriesRule(recurrence.Frequency!, recurrence.Interval ?? 1, recurrence.ByDay ?? [], until, recurrence.Count, recurrence.TimeZone!,
            TimeZoneInfo.ConvertTime(firstStart, zone).DateTime, TimeSpan.Zero);
    }

    /// <summary>
    /// Every occurrence from the first, or from about <paramref name="from"/> on, in order, lazily (a series without
    /// end has no last): which occurrence it is (its start as the rule makes it, RFC 5545's RECURRENCE-ID) and when it
    /// starts now (after <see cref="LocalShift"/>). From a later instant, Ical.Net jumps there by whole intervals
    /// rather than expanding every occurrence since the first (an hourly top-up of a years-old daily series would
    /// otherwise expand thousands each time); a rule with a count it still expands from the first, as RFC 5545 counts
    /// from there. The start given is a hint a little before the first wanted (Ical.Net leaves out an occurrence
    /// that ends at it, which one without a duration does): callers filter by RECURRENCE-ID.
    /// </summary>
    public IEnumerable<(DateTimeOffset RecurrenceId, DateTimeOffset Start)> Occurrences(DateTimeOffset? from = null)
    {
        var pattern = new RecurrencePattern(Frequency switch
        {
            EventRules.FrequencyDaily => FrequencyType.Daily,
            EventRules.FrequencyWeekly => FrequencyType.Weekly,
            _ => FrequencyType.Monthly,
        }, Interval)
        {
            Count = Count,
            // With a zoned start, RFC 5545 wants UNTIL in UTC.
            Until = Until is { } until ? new CalDateTime(until.UtcDateTime, CalDateTime.UtcTzId) : null,
        };
        foreach (var day in ByDay)
        {
            pattern.ByDay.Add(new WeekDay(s_days[day]));
        }
        var first = new CalendarEvent { DtStart = new CalDateTime(FirstLocalStart, TimeZone), RecurrenceRule = pattern };
        var startTime = from is { } after && after.UtcDateTime > DateTime.MinValue.AddDays(1)
            ? new CalDateTime(after.UtcDateTime.AddDays(-1), CalDateTime.UtcTzId)
            : null;
        foreach (var occurrence in first.GetOccurrences(startTime))
        {
            var recurrenceId = new DateTimeOffset(occurrence.Period.StartTime.AsUtc, TimeSpan.Zero);
            yield return (recurrenceId, Shifted(recurrenceId, LocalShift));
        }
    }

    /// <summary>An instant moved by a span of local (wall-clock) time in the series' zone; a time a DST change skips moves on by the gap.</summary>
    public DateTimeOffset Shifted(DateTimeOffset instant, TimeSpan localShift)
    {
        if (localShift == TimeSpan.Zero)
        {
            return instant.ToUniversalTime();
        }
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime + localShift;
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);
    }

    /// <summary>The local (wall-clock) time between two instants in the series' zone: what an edit moved an occurrence by.</summary>
    public TimeSpan LocalDifference(DateTimeOffset from, DateTimeOffset to) =>
        TimeZoneInfo.ConvertTime(to, Zone).DateTime - TimeZoneInfo.ConvertTime(from, Zone).DateTime;

    /// <summary>Week days stored as "MO,TH" (how queries read the by_day array).</summary>
    public static IReadOnlyList<string> Days(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',');

    private static readonly Dictionary<string, DayOfWeek> s_days = new()
    {
        ["MO"] = DayOfWeek.Monday, ["TU"] = DayOfWeek.Tuesday, ["WE"] = DayOfWeek.Wednesday, ["TH"] = DayOfWeek.Thursday,
        ["FR"] = DayOfWeek.Friday, ["SA"] = DayOfWeek.Saturday, ["SU"] = DayOfWeek.Sunday,
    };
}
