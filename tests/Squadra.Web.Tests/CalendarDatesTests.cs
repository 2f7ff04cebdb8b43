using System.Globalization;
using Squadra.Contracts.Teams;
using Squadra.Web.Components.Dates;

namespace Squadra.Web.Tests;

/// <summary>
/// The calendar says dates as DateWords does, on cards and in the dialog alike (now: Fri 20 Nov 2026, 10:00 in Paris).
/// The culture is set inside each (async) test: CurrentCulture flows with it and is undone when it ends.
/// </summary>
public sealed class CalendarDatesTests : CalendarTestContext
{
    static readonly DateTimeOffset s_tomorrowEvening = new(2026, 11, 21, 17, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task ACardSaysTomorrowAndFollowsTheBrowsersHourCycle()
    {
        CultureInfo.CurrentCulture = BrowserCulture.From(new("en-US", Hour12: true, MonthFirst: true));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member,
            Event("e-1", "Rehearsal", s_tomorrowEvening) with { EndsAt = s_tomorrowEvening.AddHours(2) },
            Event("e-2", "Gig", new(2027, 1, 12, 17, 30, 0, TimeSpan.Zero)));

        var cards = calendar.FindAll("[data-testid=event-item] time");
        Assert.Equal("Tomorrow, 6:30 PM–8:30 PM", cards[0].TextContent);
        Assert.Equal("Jan 12, 2027, 6:30 PM", cards[1].TextContent);
    }

    [Fact]
    public async Task TheDialogEchoesTheChosenMomentInTheCardsWordsWithTheZone()
    {
        CultureInfo.CurrentCulture = BrowserCulture.From(new("it-IT", Hour12: false, MonthFirst: false));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);
        calendar.Find("[data-testid=new-event]").Click();

        // A new event starts at the next whole hour: today.
        Assert.Equal("Today, 11:00 (Europe/Paris)", calendar.Find("[data-testid=event-when]").TextContent);

        calendar.Find("#eventStartsAt").Change("2026-11-21T18:30");
        calendar.Find("#eventEndsAt").Change("2026-11-21T20:00");
        calendar.Find("#eventRsvpDeadline").Change("2026-11-20T21:00");

        Assert.Equal("Tomorrow, 18:30–20:00 (Europe/Paris)", calendar.Find("[data-testid=event-when]").TextContent);
        Assert.StartsWith("Answers by today, 21:00", calendar.Find("#eventRsvpDeadline-hint").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDialogSpeaksTwelveHoursWhereTheBrowserDoes()
    {
        CultureInfo.CurrentCulture = BrowserCulture.From(new("en-US", Hour12: true, MonthFirst: true));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);
        calendar.Find("[data-testid=new-event]").Click();

        calendar.Find("#eventStartsAt").Change("2026-12-12T18:30");

        Assert.Equal("Sat, Dec 12, 6:30 PM (Europe/Paris)", calendar.Find("[data-testid=event-when]").TextContent);
    }
}
