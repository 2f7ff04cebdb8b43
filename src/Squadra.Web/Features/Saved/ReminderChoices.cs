using Squadra.Web.Components.Dates;

namespace Squadra.Web.Features.Saved;

/// <summary>A moment a reminder can be set for, worded as the menu offers it.</summary>
public sealed record ReminderChoice(string Label, DateTimeOffset At);

/// <summary>
/// The moments "Remind me" offers, as Slack's and Mattermost's do: soon, later today, tomorrow morning, next week's
/// first morning (<see cref="Mornings"/>).
/// </summary>
public static class ReminderChoices
{
    public static IReadOnlyList<ReminderChoice> From(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var tomorrow = Mornings.Tomorrow(clock);
        List<ReminderChoice> choices =
        [
            new("In 20 minutes", now.AddMinutes(20)),
            new("In 1 hour", now.AddHours(1)),
            new("In 3 hours", now.AddHours(3)),
            new(DateWords.Moment(tomorrow, clock), tomorrow),
        ];
        if (Mornings.NextWeek(clock) is { } nextWeek)
            choices.Add(new($"Next week: {DateWords.Moment(nextWeek, clock)}", nextWeek));
        return choices;
    }
}
