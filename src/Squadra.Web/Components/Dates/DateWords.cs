using System.Globalization;
using Squadra.Client.Events;

namespace Squadra.Web.Components.Dates;

/// <summary>
/// Every date and time the app shows, in one voice: in the user's time zone (the clock's LocalTimeZone, which in the
/// browser is the browser's) with the words people use for the days nearest ("Today, 18:30", "Tomorrow, 18:30",
/// "Yesterday, 09:10"), then "Sat 12 Dec, 18:30" this year and "12 Jan 2027, 18:30" in another. The culture
/// (CultureInfo.CurrentCulture unless given: the browser's, see BrowserCulture) decides 12 or 24 hours and whether the
/// month comes before the day ("Sat, Dec 12, 6:30 PM" in en-US); the words stay English, the app's language, so a
/// line never mixes two languages.
/// </summary>
public static class DateWords
{
    /// <summary>"Today, 18:30", "Tomorrow, 6:30 PM", "Sat 12 Dec, 18:30", "12 Jan 2027, 18:30".</summary>
    public static string Moment(DateTimeOffset instant, TimeProvider clock, CultureInfo? culture = null) =>
        $"{Day(LocalDay(instant, clock), clock, culture)}, {Time(instant, clock, culture)}";

    /// <summary>"Today, 18:00–20:00", or both ends in full when they fall on different days.</summary>
    public static string Range(DateTimeOffset start, DateTimeOffset? end, TimeProvider clock, CultureInfo? culture = null)
    {
        var from = Moment(start, clock, culture);
        if (end is not { } until || until == start)
            return from;

        return LocalDay(until, clock) == LocalDay(start, clock)
            ? $"{from}–{Time(until, clock, culture)}"
            : $"{from} – {Moment(until, clock, culture)}";
    }

    /// <summary>"18:30", or "6:30 PM" where the culture counts 12 hours.</summary>
    public static string Time(DateTimeOffset instant, TimeProvider clock, CultureInfo? culture = null) =>
        Local(instant, clock).ToString(Conventions.Of(culture).TwelveHour ? "h:mm tt" : "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Today", "Tomorrow", "Yesterday", "Sat 12 Dec" (this year), "12 Jan 2027".</summary>
    public static string Day(DateOnly day, TimeProvider clock, CultureInfo? culture = null)
    {
        if (Relative(day, clock) is { } words)
            return words;

        var monthFirst = Conventions.Of(culture).MonthFirst;
        return day.Year == Today(clock).Year
            ? day.ToString(monthFirst ? "ddd, MMM d" : "ddd d MMM", CultureInfo.InvariantCulture)
            : Date(day, culture);
    }

    /// <summary>A chat's day divider: "Today", "Yesterday", "Saturday 12 December", with the year when it is another.</summary>
    public static string LongDay(DateOnly day, TimeProvider clock, CultureInfo? culture = null) =>
        Relative(day, clock) ?? LongDate(day, day.Year != Today(clock).Year, culture);

    /// <summary>A date on its own, always with its year: "12 Jan 2027" ("Jan 12, 2027" in en-US).</summary>
    public static string Date(DateOnly day, CultureInfo? culture = null) =>
        day.ToString(Conventions.Of(culture).MonthFirst ? "MMM d, yyyy" : "d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A day in full, for a screen reader or a tooltip: "Saturday 12 December" ("Saturday, December 12").</summary>
    public static string LongDate(DateOnly day, bool withYear, CultureInfo? culture = null)
    {
        var monthFirst = Conventions.Of(culture).MonthFirst;
        var format = withYear
            ? monthFirst ? "dddd, MMMM d, yyyy" : "dddd d MMMM yyyy"
            : monthFirst ? "dddd, MMMM d" : "dddd d MMMM";
        return day.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>The whole moment, for a tooltip: "Saturday 12 December 2026, 18:30".</summary>
    public static string Full(DateTimeOffset instant, TimeProvider clock, CultureInfo? culture = null) =>
        $"{LongDate(LocalDay(instant, clock), withYear: true, culture)}, {Time(instant, clock, culture)}";

    /// <summary>The moment inside a sentence: "Answers by tomorrow, 18:00" rather than "by Tomorrow".</summary>
    public static string InSentence(string words) =>
        words.StartsWith("Today", StringComparison.Ordinal) || words.StartsWith("Tomorrow", StringComparison.Ordinal)
        || words.StartsWith("Yesterday", StringComparison.Ordinal)
            ? char.ToLowerInvariant(words[0]) + words[1..]
            : words;

    /// <summary>The user's today, in their zone.</summary>
    public static DateOnly Today(TimeProvider clock) => LocalDay(clock.GetUtcNow(), clock);

    /// <summary>The day an instant falls on in the user's zone.</summary>
    public static DateOnly LocalDay(DateTimeOffset instant, TimeProvider clock) => DateOnly.FromDateTime(Local(instant, clock).DateTime);

    static DateTimeOffset Local(DateTimeOffset instant, TimeProvider clock) => EventInstants.ToLocal(instant, clock.LocalTimeZone);

    static string? Relative(DateOnly day, TimeProvider clock)
    {
        var today = Today(clock);
        return day == today ? "Today"
            : day == today.AddDays(1) ? "Tomorrow"
            : day == today.AddDays(-1) ? "Yesterday"
            : null;
    }

    /// <summary>What the culture says about writing a date: 12 or 24 hours, month or day first.</summary>
    readonly record struct Conventions(bool TwelveHour, bool MonthFirst)
    {
        // The browser's (BrowserCulture) says it outright. The invariant one (the browser's unknown; the tests' default)
        // reads as the app always has: 24 hours, day first. Any other is read from its patterns.
        public static Conventions Of(CultureInfo? culture)
        {
            var used = culture ?? CultureInfo.CurrentCulture;
            if (used is BrowserCultureInfo browser)
                return new(browser.Conventions.Hour12, browser.Conventions.MonthFirst);
            if (used.Name.Length == 0)
                return new(TwelveHour: false, MonthFirst: false);

            var patterns = used.DateTimeFormat;
            return new(patterns.ShortTimePattern.Contains('h', StringComparison.Ordinal),
                patterns.MonthDayPattern.TrimStart().StartsWith('M'));
        }
    }
}
