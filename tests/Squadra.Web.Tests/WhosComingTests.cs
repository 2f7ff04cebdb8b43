using System.Net;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>An event card's counts show who the people are; only the answer buttons answer.</summary>
public sealed class WhosComingTests : CalendarTestContext
{
    const string AttendancePath = EventsPath + "/e-1/attendance";

    readonly EventDto _gig = Event("e-1", "Gig", new(2026, 11, 28, 17, 0, 0, TimeSpan.Zero)) with { Rsvp = new(3, 1, 2) };

    [Fact]
    public async Task ClickingACountShowsWhoAndAnswersNothing()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, _gig);
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, new AttendanceDto([Alice, Carol], [], [], [], []));

        calendar.Find("[data-testid=rsvp-going-count]").Click();

        calendar.WaitForAssertion(() => Assert.NotEmpty(calendar.FindAll("[data-testid=attendee]")));
        Assert.Empty(Api.To(HttpMethod.Put, $"{EventsPath}/e-1/rsvp"));
        Assert.Equal("false", calendar.Find("[data-testid=rsvp-going]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task TheCountsSayWhatTheyCountApartFromTheAnswerButtons()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, _gig with { Rsvp = new(3, 1, 2, Waitlisted: 1) });

        var counts = calendar.Find("[data-testid=toggle-attendance]");
        Assert.Contains("3 going", counts.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 waiting", counts.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 maybe", counts.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 can't go", counts.TextContent, StringComparison.Ordinal);
        Assert.Contains("Who's coming", counts.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", counts.GetAttribute("aria-expanded"));
        // The answer buttons hold only their words.
        Assert.Equal(["Going", "Maybe", "Can't go"], calendar.FindAll("[data-testid^=rsvp-][aria-pressed]").Select(b => b.TextContent.Trim()));
    }
}
