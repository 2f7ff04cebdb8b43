namespace Squadra.Web.Components.Dates;

/// <summary>
/// The mornings "later" menus offer (a reminder's, a pause's): tomorrow's and next week's first, at 9:00 in the user's
/// zone, as Slack's and Mattermost's do.
/// </summary>
public static class Mornings
{
    static readonly TimeOnly s_nine = new(9, 0);

    public static DateTimeOffset Tomorrow(TimeProvider clock) => At(DateWords.Today(clock).AddDays(1), clock.LocalTimeZone);

    /// <summary>
    /// Monday's, or the one after when today is Monday; null on a Sunday, when that is <see cref="Tomorrow"/>'s (a menu
    /// offers it once).
    /// </summary>
    public static DateTimeOffset? NextWeek(TimeProvider clock)
    {
        var today = DateWords.Today(clock);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return daysToMonday == 1 ? null : At(today.AddDays(daysToMonday == 0 ? 7 : daysToMonday), clock.LocalTimeZone);
    }

    // 9:00 is in no zone's skipped hour: the offset of that local time is its own.
    static DateTimeOffset At(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(s_nine);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
