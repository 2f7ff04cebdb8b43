using Squadra.Web.Components.Dates;

namespace Squadra.Web.Features.NotificationPreferences;

/// <summary>How long a pause of notifications lasts, worded as the menu offers it.</summary>
public sealed record PauseChoice(string Label, DateTimeOffset Until);

/// <summary>
/// The lengths "Pause notifications" offers, as Slack's and Mattermost's Do Not Disturb do: half an hour, an hour or
/// two, until tomorrow morning, until next week (<see cref="Mornings"/>).
/// </summary>
public static class PauseChoices
{
    public static IReadOnlyList<PauseChoice> From(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var tomorrow = Mornings.Tomorrow(clock);
        List<PauseChoice> choices =
        [
            new("For 30 minutes", now.AddMinutes(30)),
            new("For 1 hour", now.AddHours(1)),
            new("For 2 hours", now.AddHours(2)),
            new($"Until {DateWords.InSentence(DateWords.Moment(tomorrow, clock))}", tomorrow),
        ];
        if (Mornings.NextWeek(clock) is { } nextWeek)
            choices.Add(new($"Until next week: {DateWords.Moment(nextWeek, clock)}", nextWeek));
        return choices;
    }
}
