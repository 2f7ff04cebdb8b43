using System.Globalization;
using System.Text.Json;
using Squadra.Client.Events;
using Squadra.Contracts.Events;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// The dialog's "Repeat" (on create, and on editing a series' following or all occurrences), flattened into the form so that the API's "recurrence.count" lands beside
/// <see cref="RecurrenceCount"/> (FormRules turns a dotted key into one property name). Numbers are the fields' text,
/// as for the places, so a bad one is said rather than lost; the last date is a date field's value ("2026-12-24").
/// </summary>
public sealed partial class EventForm
{
    public const string EndNever = "never";
    public const string EndOnDate = "until";
    public const string EndAfterCount = "count";

    static readonly string[] s_recurrenceFieldNames =
        [nameof(RecurrenceFrequency), nameof(RecurrenceInterval), nameof(RecurrenceByDay), nameof(RecurrenceUntil), nameof(RecurrenceCount)];

    /// <summary>"daily", "weekly" or "monthly" (EventRules.Frequencies); empty: the event does not repeat.</summary>
    public string RecurrenceFrequency { get; set; } = "";

    /// <summary>Every how many days, weeks or months.</summary>
    public string? RecurrenceInterval { get; set; } = "1";

    /// <summary>
    /// The week days a weekly series falls on ("MO".."SU"), once the user has chosen; until then null, which means the
    /// start's day and follows the start when it changes (what calendar apps do).
    /// </summary>
    public IReadOnlyList<string>? RecurrenceByDay { get; set; }

    /// <summary><see cref="EndNever"/>, <see cref="EndOnDate"/> or <see cref="EndAfterCount"/>.</summary>
    public string RecurrenceEnd { get; set; } = EndNever;

    /// <summary>The series' last local day (a date field's value); it ends when that day does.</summary>
    public string? RecurrenceUntil { get; set; }

    /// <summary>How many occurrences in all.</summary>
    public string? RecurrenceCount { get; set; }

    public bool Repeats => RecurrenceFrequency.Length > 0;

    /// <summary>
    /// Editing one occurrence for itself alone: the series' rule is not in play (not shown, checked nor sent). It is
    /// when the change is for the following occurrences or all of them.
    /// </summary>
    public bool RuleLocked { get; set; }

    /// <summary>Editing a series: the zone it keeps its local time in (the API refuses another), and its rule as loaded.</summary>
    string? SeriesTimeZone { get; set; }

    string? _ruleAsLoaded;

    /// <summary>Whether the user changed the series' rule: only then is it sent (a rule sent for "following" splits the series).</summary>
    public bool RuleChanged => _ruleAsLoaded is not null && RuleKey() != _ruleAsLoaded;

    /// <summary>An edited occurrence's series rule, in the fields (its last date as a day in the user's zone).</summary>
    void LoadRule(RecurrenceDto? rule)
    {
        if (rule?.Frequency is not { } frequency)
            return;

        RecurrenceFrequency = frequency;
        RecurrenceInterval = (rule.Interval ?? 1).ToString(CultureInfo.InvariantCulture);
        RecurrenceByDay = rule.ByDay is { Count: > 0 } days ? days : null;
        if (rule.Count is { } count)
        {
            RecurrenceEnd = EndAfterCount;
            RecurrenceCount = count.ToString(CultureInfo.InvariantCulture);
        }
        else if (EventRules.TryParseInstant(rule.Until, out var last))
        {
            RecurrenceEnd = EndOnDate;
            RecurrenceUntil = EventInstants.ToLocal(last, Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        SeriesTimeZone = rule.TimeZone;
        _ruleAsLoaded = RuleKey();
    }

    string RuleKey() => string.Join('|', RecurrenceFrequency, RecurrenceInterval?.Trim(), string.Join(',', RepeatDays), RecurrenceEnd,
        RecurrenceEnd == EndOnDate ? RecurrenceUntil?.Trim() : "", RecurrenceEnd == EndAfterCount ? RecurrenceCount?.Trim() : "");

    /// <summary>The days shown pressed: the chosen ones, or the start's until the user chooses.</summary>
    public IReadOnlyList<string> RepeatDays =>
        RecurrenceByDay ?? (LocalStart() is { } start ? new[] { WeekDay(start.DayOfWeek) } : Array.Empty<string>());

    /// <summary>A day pressed or released; the days stay in the week's order, as they are sent.</summary>
    public void ToggleDay(string day)
    {
        var chosen = RepeatDays;
        RecurrenceByDay = [.. EventRules.WeekDays.Where(d => d == day ? !chosen.Contains(d) : chosen.Contains(d))];
    }

    /// <summary>What is sent: null when the event does not repeat; numbers that do not parse are left out (the form refuses them first).</summary>
    public RecurrenceDto? ToRecurrence() => !Repeats ? null : new RecurrenceDto(
        RecurrenceFrequency,
        WholeNumber(RecurrenceInterval) ?? 1,
        RecurrenceFrequency == EventRules.FrequencyWeekly ? RepeatDays : null,
        Until: RecurrenceEnd == EndOnDate && LastDay() is { } last ? EventInstants.Format(EventInstants.StartOfDay(last.AddDays(1), Zone).AddSeconds(-1)) : null,
        Count: RecurrenceEnd == EndAfterCount ? WholeNumber(RecurrenceCount) : null,
        TimeZone: SeriesTimeZone ?? Zone.Id);

    /// <summary>The form's own words first; then the API's rule (EventRules.RecurrenceErrors) for what they do not cover.</summary>
    string? RecurrenceError(string fieldName) => !Repeats || RuleLocked ? null : fieldName switch
    {
        nameof(RecurrenceInterval) when WholeNumber(RecurrenceInterval) is not (>= 1 and <= EventRules.IntervalMax) =>
            $"Every 1 to {EventRules.IntervalMax}, as a whole number.",
        nameof(RecurrenceByDay) when RecurrenceFrequency == EventRules.FrequencyWeekly && RepeatDays.Count == 0 => "Choose at least one day.",
        nameof(RecurrenceUntil) => UntilError(),
        nameof(RecurrenceCount) when RecurrenceEnd == EndAfterCount && WholeNumber(RecurrenceCount) is not (>= 1 and <= EventRules.CountMax) =>
            $"From 1 to {EventRules.CountMax} times.",
        _ => RuleError(fieldName),
    };

    string? UntilError()
    {
        if (RecurrenceEnd != EndOnDate)
            return null;
        if (string.IsNullOrWhiteSpace(RecurrenceUntil))
            return "Choose the last date.";
        if (LastDay() is not { } last)
            return "That is not a date.";
        return LocalStart() is { } start && last < DateOnly.FromDateTime(start.DateTime) ? "The last date cannot be before the start." : null;
    }

    string? RuleError(string fieldName) =>
        fieldName.StartsWith("Recurrence", StringComparison.Ordinal) && ToRecurrence() is { } recurrence
            ? EventRules.RecurrenceErrors(recurrence)
                .Where(e => e.Field == $"recurrence.{JsonNamingPolicy.CamelCase.ConvertName(fieldName["Recurrence".Length..])}")
                .Select(e => e.Error).FirstOrDefault()
            : null;

    DateTimeOffset? LocalStart() => EventInstants.TryParseInput(StartsAt, Zone, out var start) ? EventInstants.ToLocal(start, Zone) : null;

    DateOnly? LastDay() =>
        DateOnly.TryParseExact(RecurrenceUntil?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    static int? WholeNumber(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>"MO".."SU" for a day of the week.</summary>
    public static string WeekDay(DayOfWeek day) => EventRules.WeekDays[((int)day + 6) % 7];
}
