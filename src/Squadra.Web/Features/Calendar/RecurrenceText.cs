using Squadra.Client.Events;
using Squadra.Contracts.Events;
using Squadra.Web.Components.Dates;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// How a series repeats, in a calendar app's words: "Repeats weekly on Tue", "Repeats every 2 weeks on Mon, Thu, 10 times",
/// "Repeats monthly on day 15, until 24 Dec 2026". Said from the occurrence's start in the user's zone (a weekly series
/// without days falls on its start's day; a monthly one on its start's date).
/// </summary>
public static class RecurrenceText
{
    static readonly string[] s_dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static string? Describe(RecurrenceDto? recurrence, DateTimeOffset start, TimeZoneInfo zone)
    {
        if (recurrence?.Frequency is not { } frequency || !EventRules.Frequencies.Contains(frequency))
            return null;

        var local = EventInstants.ToLocal(start, zone);
        var every = Every(frequency, recurrence.Interval ?? 1);
        var on = frequency switch
        {
            EventRules.FrequencyWeekly => $" on {string.Join(", ", Days(recurrence.ByDay, local))}",
            EventRules.FrequencyMonthly => $" on day {local.Day}",
            _ => "",
        };
        return $"Repeats {every}{on}{End(recurrence, zone)}";
    }

    /// <summary>"Mo".."Su": the week-day toggles' labels.</summary>
    public static string ShortName(string weekDay) => s_dayNames[Index(weekDay)][..2];

    public static string FullName(string weekDay) => ((DayOfWeek)((Index(weekDay) + 1) % 7)).ToString();

    static string Every(string frequency, int interval)
    {
        var (adverb, unit) = frequency switch
        {
            EventRules.FrequencyDaily => ("daily", "days"),
            EventRules.FrequencyWeekly => ("weekly", "weeks"),
            _ => ("monthly", "months"),
        };
        return interval <= 1 ? adverb : $"every {interval} {unit}";
    }

    static IEnumerable<string> Days(IReadOnlyList<string>? byDay, DateTimeOffset localStart) =>
        byDay is { Count: > 0 }
            ? byDay.Where(EventRules.WeekDays.Contains).OrderBy(Index).Select(d => s_dayNames[Index(d)])
            : [s_dayNames[Index(EventForm.WeekDay(localStart.DayOfWeek))]];

    static string End(RecurrenceDto recurrence, TimeZoneInfo zone) =>
        recurrence.Count is { } count ? (count == 1 ? ", once" : $", {count} times")
        : EventRules.TryParseInstant(recurrence.Until, out var until)
            ? $", until {DateWords.Date(DateOnly.FromDateTime(EventInstants.ToLocal(until, zone).DateTime))}"
            : "";

    static int Index(string weekDay) => Math.Max(0, EventRules.WeekDays.ToList().IndexOf(weekDay));
}
