using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>
/// The month's days can be picked, and the picked day's events are listed with their times under the grid: on a phone
/// that list is where titles are read (the grid shows dots). Now: Fri 20 Nov 2026, 10:00 in Paris.
/// </summary>
public sealed class MonthDayListTests : CalendarTestContext
{
    [Fact]
    public async Task TodaysEventsAreListedAndPickingADayListsItsOwn()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member,
            Event("e-1", "Warm-up", new(2026, 11, 20, 17, 0, 0, TimeSpan.Zero)),
            Event("e-2", "Rehearsal", new(2026, 11, 24, 17, 30, 0, TimeSpan.Zero)),
            Event("e-3", "Gig", new(2026, 11, 24, 19, 0, 0, TimeSpan.Zero)) with { Cancelled = true });

        var list = calendar.Find("[data-testid=month-day-list]");
        Assert.Equal("Today", list.QuerySelector("h4")!.TextContent);
        Assert.Equal(["18:00 Warm-up"], calendar.FindAll("[data-testid=month-day-event]").Select(Text));
        Assert.Equal("true", calendar.Find("[data-date='2026-11-20'] [data-testid=month-day]").GetAttribute("aria-pressed"));
        // Each event is a dot on its day, for the phone's compact grid.
        Assert.Equal(2, calendar.FindAll("[data-date='2026-11-24'] .dot").Count);

        calendar.Find("[data-date='2026-11-24'] [data-testid=month-day]").Click();

        Assert.Equal("Tuesday 24 November", calendar.Find("[data-testid=month-day-list] h4").TextContent);
        Assert.Equal(["18:30 Rehearsal", "20:00 Gig (cancelled)"], calendar.FindAll("[data-testid=month-day-event]").Select(Text));

        calendar.FindAll("[data-testid=month-day-event]")[0].Click();
        Assert.EndsWith("event=e-2", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADayWithoutEventsSaysSo()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);

        calendar.Find("[data-date='2026-11-25'] [data-testid=month-day]").Click();

        Assert.Contains("Nothing planned", calendar.Find("[data-testid=month-day-list]").TextContent, StringComparison.Ordinal);
    }

    static string Text(AngleSharp.Dom.IElement element) => string.Join(' ', element.Children.Select(child => child.TextContent.Trim()));
}
