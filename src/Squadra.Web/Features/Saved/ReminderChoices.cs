using Squadra.Web.Components.Dates;

namespace Squadra.Web.Features.Saved;

/// <summary>A moment a reminder can be set for, worded as the menu offers it.</summary>
public sealed record ReminderChoice(string Label, DateTimeOffset At);

/// <summary>
/// The moments "Remind me" offers, as Slack's and Mattermost's do: soon, later today, tomorrow morning, next week's
/// first morning. Mornings are 9:00 in the user's zone.
/// </summary>
public static class ReminderChoices
{
    static readonly TimeOnly s_morning = new(9, 0);

    public static IReadOnlyList<ReminderChoice> From(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var today = DateWords.Today(clock);
        var tomorrow = Morning(today.AddDays(1), clock.LocalTimeZone);
        // Monday, or the one after when today is Monday; on a Sunday that is tomorrow, already offered.
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var nextWeek = Morning(today.AddDays(daysToMonday == 0 ? 7 : daysToMonday), clock.LocalTimeZone);
        List<ReminderChoice> choices =
        [
            new("In 20 minutes", now.AddMinutes(20)),
            new("In 1 hour", now.AddHours(1)),
            new("In 3 hours", now.AddHours(3)),
            new(DateWords.Moment(tomorrow, clock), tomorrow),
        ];
        if (nextWeek != tomorrow)
            choices.Add(new($"Next week: {DateWords.Moment(nextWeek, clock)}", nextWeek));
        return choices;
    }

    // 9:00 is in no zone's skipped hour: the offset of that local time is its own.
    static DateTimeOffset Morning(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(s_morning);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
