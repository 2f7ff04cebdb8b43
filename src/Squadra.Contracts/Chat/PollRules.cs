namespace Squadra.Contracts.Chat;

/// <summary>What a poll is (docs/api-extensions.md, "Polls"): shared by the API and the browser.</summary>
public static class PollRules
{
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    public const int OptionMaxLength = 100;

    /// <summary>How far ahead a poll's deadline may be: a season's planning, not a standing question.</summary>
    public static readonly TimeSpan MaxDeadlineAhead = TimeSpan.FromDays(90);

    /// <summary>Why this deadline cannot be a poll's at <paramref name="now"/>; null when it can (or there is none).</summary>
    public static string? DeadlineError(DateTimeOffset? closesAt, DateTimeOffset now) =>
        closesAt <= now ? "A poll's deadline is in the future."
        : closesAt > now + MaxDeadlineAhead ? $"A poll's deadline is at most {MaxDeadlineAhead.Days} days ahead."
        : null;

    /// <summary>Why these options make no poll; null when they do: 2-10 texts of 1-100 characters, no two the same.</summary>
    public static string? OptionsError(IReadOnlyList<string?>? options)
    {
        if (options is null || options.Count is < MinOptions or > MaxOptions)
            return $"A poll has {MinOptions}-{MaxOptions} options.";
        foreach (var option in options)
        {
            if (string.IsNullOrWhiteSpace(option))
                return "Every option needs some text.";
            if (option.Trim().Length > OptionMaxLength)
                return $"An option is at most {OptionMaxLength} characters.";
            if (TextRules.Error(option, "An option") is { } error)
                return error;
        }
        return options.Select(o => o!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == options.Count
            ? null
            : "Two options are the same.";
    }

    /// <summary>
    /// Why this choice is no vote of a poll of <paramref name="optionCount"/> options; null when it is: known options, each
    /// once, one at most unless the poll is multiple choice ([] takes a vote back).
    /// </summary>
    public static string? VoteError(int optionCount, bool multipleChoice, IReadOnlyList<int>? options) =>
        options is null ? "options is required: the numbers of the options chosen, [] to take one's vote back."
        : options.Any(o => o < 0 || o >= optionCount) ? "Each option is the number of one of the poll's options."
        : options.Distinct().Count() != options.Count ? "Each option is chosen once."
        : !multipleChoice && options.Count > 1 ? "This poll takes one option."
        : null;
}
