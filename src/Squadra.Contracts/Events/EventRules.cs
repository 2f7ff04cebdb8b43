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
