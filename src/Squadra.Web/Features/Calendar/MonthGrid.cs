namespace Squadra.Web.Features.Calendar;

/// <summary>The days a month view shows: whole weeks, Monday first, from the week of the 1st to the week of the last day.</summary>
public static class MonthGrid
{
    public static DateOnly FirstOf(DateOnly day) => new(day.Year, day.Month, 1);

    public static IReadOnlyList<DateOnly> Days(DateOnly month)
    {
        var first = FirstOf(month);
        var last = first.AddMonths(1).AddDays(-1);
        var start = first.AddDays(-DaysSinceMonday(first));
        var end = last.AddDays(6 - DaysSinceMonday(last));
        return [.. Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays)];
    }

    static int DaysSinceMonday(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;
}
