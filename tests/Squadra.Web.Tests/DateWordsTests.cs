using System.Globalization;
using Squadra.Web.Components.Dates;

namespace Squadra.Web.Tests;

/// <summary>
/// The one way the app writes a moment, in the user's zone and their browser language's conventions, on a fixed clock:
/// Saturday 5 December 2026, 11:00 in Rome.
/// </summary>
public sealed class DateWordsTests
{
    static readonly TimeZoneInfo s_rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
    static readonly CultureInfo s_us = BrowserCulture.From(new("en-US", Hour12: true, MonthFirst: true));
    static readonly CultureInfo s_uk = BrowserCulture.From(new("en-GB", Hour12: false, MonthFirst: false));
    static readonly CultureInfo s_italy = BrowserCulture.From(new("it-IT", Hour12: false, MonthFirst: false));

    readonly ManualClock _clock = new() { Zone = s_rome };

    public DateWordsTests() => _clock.SetNow(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A time on a day in Rome (UTC+1 in winter).</summary>
    static DateTimeOffset Rome(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    public static TheoryData<string, DateTimeOffset, string, string> Moments => new()
    {
        { "today", Rome(2026, 12, 5, 18, 30), "Today, 18:30", "Today, 6:30 PM" },
        { "tomorrow", Rome(2026, 12, 6, 18, 30), "Tomorrow, 18:30", "Tomorrow, 6:30 PM" },
        { "yesterday", Rome(2026, 12, 4, 9, 10), "Yesterday, 09:10", "Yesterday, 9:10 AM" },
        { "this year", Rome(2026, 12, 12, 18, 30), "Sat 12 Dec, 18:30", "Sat, Dec 12, 6:30 PM" },
        { "other year", Rome(2027, 1, 12, 18, 30), "12 Jan 2027, 18:30", "Jan 12, 2027, 6:30 PM" },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public void AMomentIsSaidWithTheWordsPeopleUseIn24Or12HoursAsTheCultureDoes(string day, DateTimeOffset instant, string dayFirst24, string monthFirst12)
    {
        Assert.False(string.IsNullOrEmpty(day));
        Assert.Equal(dayFirst24, DateWords.Moment(instant, _clock, s_uk));
        Assert.Equal(dayFirst24, DateWords.Moment(instant, _clock, s_italy));
        Assert.Equal(monthFirst12, DateWords.Moment(instant, _clock, s_us));
    }

    [Fact]
    public void TheDayIsTheUsersDayInTheirZoneNotUtcs()
    {
        // 23:30 UTC on the 5th is already the 6th in Rome.
        Assert.Equal("Tomorrow, 00:30", DateWords.Moment(new DateTimeOffset(2026, 12, 5, 23, 30, 0, TimeSpan.Zero), _clock, s_uk));
        _clock.Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal("Today, 6:30 PM", DateWords.Moment(new DateTimeOffset(2026, 12, 5, 23, 30, 0, TimeSpan.Zero), _clock, s_us));
    }

    [Fact]
    public void ARangeOnOneDaySaysTheDayOnceAndOneOverDaysSaysBothEnds()
    {
        var start = Rome(2026, 12, 6, 18, 0);

        Assert.Equal("Tomorrow, 18:00–20:00", DateWords.Range(start, start.AddHours(2), _clock, s_uk));
        Assert.Equal("Tomorrow, 6:00 PM–8:00 PM", DateWords.Range(start, start.AddHours(2), _clock, s_us));
        Assert.Equal("Tomorrow, 18:00 – Mon 7 Dec, 10:00", DateWords.Range(start, start.AddHours(16), _clock, s_uk));
        Assert.Equal("Tomorrow, 18:00", DateWords.Range(start, null, _clock, s_uk));
    }

    [Fact]
    public void ChatDaysAndTooltipsAreWrittenInFull()
    {
        Assert.Equal("Yesterday", DateWords.LongDay(new DateOnly(2026, 12, 4), _clock, s_uk));
        Assert.Equal("Tuesday 1 December", DateWords.LongDay(new DateOnly(2026, 12, 1), _clock, s_uk));
        Assert.Equal("Tuesday, December 1", DateWords.LongDay(new DateOnly(2026, 12, 1), _clock, s_us));
        Assert.Equal("Monday 1 December 2025", DateWords.LongDay(new DateOnly(2025, 12, 1), _clock, s_uk));
        Assert.Equal("Saturday, December 5, 2026, 6:30 PM", DateWords.Full(Rome(2026, 12, 5, 18, 30), _clock, s_us));
    }

    [Fact]
    public void InASentenceTheRelativeWordIsLowercase()
    {
        Assert.Equal("tomorrow, 18:00", DateWords.InSentence("Tomorrow, 18:00"));
        Assert.Equal("Sat 12 Dec, 18:30", DateWords.InSentence("Sat 12 Dec, 18:30"));
    }

    [Fact]
    public void WithoutTheBrowsersCultureTheAppWritesAsItAlwaysHas()
    {
        Assert.Equal("Sat 12 Dec, 18:30", DateWords.Moment(Rome(2026, 12, 12, 18, 30), _clock, CultureInfo.InvariantCulture));
        // The browser's culture makes .NET's own short time follow it too.
        Assert.Equal("6:30 PM", new DateTime(2026, 12, 12, 18, 30, 0).ToString("t", s_us));
    }
}
