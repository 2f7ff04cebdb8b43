using System.Globalization;
using System.Text.RegularExpressions;

namespace Squadra.Contracts.Events;

public static partial class EventRules
{
    public const int TitleMaxLength = 120;
    public const int LocationMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public static readonly IReadOnlyList<string> RsvpResponses = [RsvpGoing, RsvpMaybe, RsvpDeclined];
    public const string RsvpGoing = "going";
    public const string RsvpMaybe = "maybe";
    public const string RsvpDeclined = "declined";

    /// <summary>Never sent: the answer a member who sent "going" gets while the event is full.</summary>
    public const string RsvpWaitlisted = "waitlisted";

    public const int CapacityMax = 10000;

    /// <summary>The attendance report's period when none is given: the last 90 days; at most 366 days.</summary>
    public const int AttendanceReportDefaultDays = 90;
    public const int AttendanceReportMaxDays = 366;

    /// <summary>30 days: a request for an answer sent earlier would be forgotten by the event.</summary>
    public const int RsvpRequestLeadMaxMinutes = 30 * 24 * 60;

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();

    /// <summary>An instant must say its offset: "2026-12-01T18:00" alone is ambiguous and refused.</summary>
    public static bool TryParseInstant(string? value, out DateTimeOffset instant)
    {
        instant = default;
        return value is not null
            && HasOffset().IsMatch(value.Trim())
            && DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    public static string? TitleError(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "A title is required."
        : title.Trim().Length > TitleMaxLength ? $"A title is at most {TitleMaxLength} characters."
        : TextRules.Error(title, "A title");

    public const string FrequencyDaily = "daily";
    public const string FrequencyWeekly = "weekly";
    public const string FrequencyMonthly = "monthly";
    public static readonly IReadOnlyList<string> Frequencies = [FrequencyDaily, FrequencyWeekly, FrequencyMonthly];
    public static readonly IReadOnlyList<string> WeekDays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    public const int IntervalMax = 52;
    public const int CountMax = 365;

    /// <summary>Scopes of a change to an occurrence of a series (PATCH and DELETE <c>?scope=</c>).</summary>
    public const string ScopeThis = "this";
    public const string ScopeFollowing = "following";
    public const string ScopeAll = "all";
    public static readonly IReadOnlyList<string> Scopes = [ScopeThis, ScopeFollowing, ScopeAll];

    /// <summary>What is wrong with a recurrence, field by field ("recurrence.frequency", ...); the instants are checked by the caller.</summary>
    public static IEnumerable<(string Field, string Error)> RecurrenceErrors(RecurrenceDto recurrence)
    {
        if (recurrence.Frequency is null || !Frequencies.Contains(recurrence.Frequency))
            yield return ("recurrence.frequency", "frequency must be \"daily\", \"weekly\" or \"monthly\".");
        if (recurrence.Interval is < 1 or > IntervalMax)
            yield return ("recurrence.interval", $"interval is 1-{IntervalMax}.");
        if (recurrence.ByDay is { Count: > 0 } days && (recurrence.Frequency != FrequencyWeekly || days.Any(d => !WeekDays.Contains(d))))
            yield return ("recurrence.byDay", "byDay takes \"MO\" to \"SU\", for a weekly series.");
        if (recurrence.Count is < 1 or > CountMax)
            yield return ("recurrence.count", $"count is 1-{CountMax}.");
        if (recurrence.Count is not null && recurrence.Until is not null)
            yield return ("recurrence.count", "A series ends at until or after count occurrences, not both.");
        if (recurrence.TimeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(recurrence.TimeZone, out _))
            yield return ("recurrence.timeZone", "timeZone must be an IANA time zone, such as Europe/Rome.");
    }

    public static string? CapacityError(int? capacity, bool zeroRemoves) =>
        capacity is null || (capacity >= 1 && capacity <= CapacityMax) || (zeroRemoves && capacity == 0) ? null
        : zeroRemoves ? $"capacity is 1-{CapacityMax}, or 0 for no limit." : $"capacity is 1-{CapacityMax}.";

    public static string? RsvpRequestLeadError(int? minutes) =>
        minutes is null || (minutes >= 0 && minutes <= RsvpRequestLeadMaxMinutes) ? null
        : $"rsvpRequestLeadMinutes is 0 (never) to {RsvpRequestLeadMaxMinutes}.";

    /// <summary>Length and characters of an optional text: one line unless <paramref name="multiline"/>.</summary>
    public static string? LengthError(string? value, int max, string what, bool multiline = false) =>
        value is not null && value.Trim().Length > max ? $"{what} is at most {max} characters."
        : TextRules.Error(value, what, multiline);
}
