using System.Net;
using System.Text.Json;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class TeamCalendarTests : CalendarTestContext
{
    [Fact]
    public async Task UpcomingEventsAreListedInLocalTimeAndShownOnTheirDayOfTheMonth()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member,
            Event("e-1", "Rehearsal", new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero)),
            Event("e-2", "Gig", new(2026, 11, 28, 19, 0, 0, TimeSpan.Zero)) with { Cancelled = true });

        var items = calendar.FindAll("[data-testid=event-item]");
        Assert.Equal(2, items.Count);
        Assert.Contains("Tue 24 Nov, 18:00", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("cancelled", items[1].ClassList);
        var from = Query(Api.To(HttpMethod.Get, EventsPath)[0])["from"];
        Assert.Equal("2026-11-20T09:00:00+00:00", Uri.UnescapeDataString(from));
        Assert.Equal("November 2026", calendar.Find("[data-testid=month-title]").TextContent);
        var day = calendar.Find("[data-date='2026-11-24']");
        Assert.Contains("Rehearsal", day.QuerySelector("[data-testid=month-event]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("cancelled", calendar.Find("[data-date='2026-11-28'] [data-testid=month-event]").ClassList);
    }

    [Fact]
    public async Task APushsGoingButtonOpensTheEventAndAnswersItOnceThenTheAddressLosesTheAnswer()
    {
        var rehearsal = Event("e-1", "Rehearsal", new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
        Api.Answer(HttpMethod.Put, $"{EventsPath}/e-1/rsvp", HttpStatusCode.OK, rehearsal with { Rsvp = new(1, 0, 0), MyRsvp = EventRules.RsvpGoing });
        Navigation.NavigateTo("teams/t-1/calendar?event=e-1&rsvp=going");

        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, "e-1", EventRules.RsvpGoing, rehearsal);

        calendar.WaitForAssertion(() => Assert.Equal("true", calendar.Find("[data-testid=rsvp-going]").GetAttribute("aria-pressed")));
        var put = Assert.Single(Api.To(HttpMethod.Put, $"{EventsPath}/e-1/rsvp"));
        Assert.Equal("going", JsonSerializer.Deserialize<RsvpRequest>(Api.BodyOf(put)!, JsonSerializerOptions.Web)!.Response);
        Assert.Equal("?event=e-1", new Uri(Navigation.Uri).Query);

        calendar.Render(parameters => parameters.Add(p => p.AnswerWith, EventRules.RsvpGoing));
        Assert.Single(Api.To(HttpMethod.Put, $"{EventsPath}/e-1/rsvp"));
    }

    [Fact]
    public async Task AnAnswerTheAppDoesNotKnowIsIgnored()
    {
        var rehearsal = Event("e-1", "Rehearsal", new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));

        await RenderCalendarAsync(Bob, TeamRoles.Member, "e-1", "yes-please", rehearsal);

        Assert.Empty(Api.To(HttpMethod.Put, $"{EventsPath}/e-1/rsvp"));
    }

    [Fact]
    public async Task AnsweringGoingCountsTheUserAndAPushKeepsTheirAnswerWhileCountsMove()
    {
        var rehearsal = Event("e-1", "Rehearsal", new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, rehearsal);
        Api.Answer(HttpMethod.Put, $"{EventsPath}/e-1/rsvp", HttpStatusCode.OK, rehearsal with { Rsvp = new(1, 0, 0), MyRsvp = EventRules.RsvpGoing });

        calendar.Find("[data-testid=rsvp-going]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("1", calendar.Find("[data-testid=rsvp-going-count]").TextContent));
        Assert.Equal("true", calendar.Find("[data-testid=rsvp-going]").GetAttribute("aria-pressed"));
        var put = Api.To(HttpMethod.Put, $"{EventsPath}/e-1/rsvp").Single();
        Assert.Equal("going", JsonSerializer.Deserialize<RsvpRequest>(Api.BodyOf(put)!, JsonSerializerOptions.Web)!.Response);

        await Realtime.PushEventAsync(rehearsal with { Rsvp = new(2, 1, 0), MyRsvp = null });

        calendar.WaitForAssertion(() => Assert.Equal("2", calendar.Find("[data-testid=rsvp-going-count]").TextContent));
        Assert.Equal("1", calendar.Find("[data-testid=rsvp-maybe-count]").TextContent);
        Assert.Equal("true", calendar.Find("[data-testid=rsvp-going]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task AnEventCreatedElsewhereAppearsLive()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member);

        await Realtime.PushEventAsync(Event("e-9", "Party", new(2026, 11, 30, 19, 0, 0, TimeSpan.Zero)));

        calendar.WaitForAssertion(() => Assert.Contains("Party", calendar.Find("[data-testid=event-item]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnePushForAChangeToASeriesReadsItsOccurrencesAgain()
    {
        var first = Event("e-1", "Training", new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero)) with { SeriesId = "s-1" };
        var second = Event("e-2", "Training", new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero)) with { SeriesId = "s-1" };
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, first, second);
        var readsBefore = Api.To(HttpMethod.Get, EventsPath).Count;
        Api.AnswerAlways(HttpMethod.Get, EventsPath, HttpStatusCode.OK, new[] { first with { Title = "Practice" }, second with { Title = "Practice" } });

        // The server pushes only the occurrence the change was made on, naming the series and the scope.
        await Realtime.PushSeriesChangeAsync(EventChangedPush.Of(first with { Title = "Practice" }, new SeriesChangeDto("s-1", EventRules.ScopeAll)));

        calendar.WaitForAssertion(() => Assert.All(calendar.FindAll("[data-testid=event-item]"),
            item => Assert.Contains("Practice", item.TextContent, StringComparison.Ordinal)));
        Assert.Equal(2, calendar.FindAll("[data-testid=event-item]").Count);
        Assert.True(Api.To(HttpMethod.Get, EventsPath).Count > readsBefore);
    }

    [Fact]
    public async Task CreatingSendsTheLocalTimeWithItsOffsetAndListsTheEvent()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);
        var created = Event("e-1", "Rehearsal", new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero));
        Api.Answer(HttpMethod.Post, EventsPath, HttpStatusCode.Created, created);

        calendar.Find("[data-testid=new-event]").Click();
        calendar.Find("#eventTitle").Change("Rehearsal");
        calendar.Find("#eventStartsAt").Change("2026-12-01T18:00");
        calendar.Find("#eventLocation").Change("Hall B");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("Rehearsal", calendar.Find("[data-testid=event-item]").TextContent, StringComparison.Ordinal));
        var post = Api.To(HttpMethod.Post, EventsPath).Single();
        var request = JsonSerializer.Deserialize<CreateEventRequest>(Api.BodyOf(post)!, JsonSerializerOptions.Web)!;
        Assert.Equal(new CreateEventRequest("Rehearsal", "2026-12-01T18:00:00+01:00", null, "Hall B", null, CreatorGoing: true), request);
        Assert.False(string.IsNullOrEmpty(post.Headers.GetValues("Idempotency-Key").Single()));
        Assert.Empty(calendar.FindAll("[data-testid=event-dialog]"));
    }

    [Fact]
    public async Task TheDialogChecksFieldsItselfAndShowsTheServersErrorsBesideThem()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);
        calendar.Find("[data-testid=new-event]").Click();

        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("A title is required.", calendar.Markup, StringComparison.Ordinal));
        Assert.Empty(Api.To(HttpMethod.Post, EventsPath));

        Api.AnswerProblem(HttpMethod.Post, EventsPath, HttpStatusCode.BadRequest, "Invalid",
            new() { ["location"] = ["That place is not allowed."] });
        calendar.Find("#eventTitle").Change("Rehearsal");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("That place is not allowed.", calendar.Find(".validation-message").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheCreatorCancelsAndTheEventStaysStruckThrough()
    {
        var rehearsal = Event("e-1", "Rehearsal", new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, rehearsal);
        Api.Answer(HttpMethod.Delete, $"{EventsPath}/e-1", HttpStatusCode.NoContent);

        calendar.Find("[data-testid=cancel-event]").Click();
        calendar.Find("[data-testid=cancel-event-confirm]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("cancelled", calendar.Find("[data-testid=event-item]").ClassList));
        Assert.True(calendar.Find("[data-testid=rsvp-going]").HasAttribute("disabled"));
        Assert.Empty(calendar.FindAll("[data-testid=cancel-event]"));
    }

    [Fact]
    public async Task AMemberWhoDidNotCreateAnEventCannotChangeIt()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, Event("e-1", "Rehearsal", new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero)));

        Assert.Empty(calendar.FindAll("[data-testid=edit-event]"));
        Assert.Empty(calendar.FindAll("[data-testid=cancel-event]"));
    }

    [Fact]
    public async Task TheFeedAddressIsShownWholeWithAddToCalendarLinksAndANewLinkReplacesIt()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);
        calendar.WaitForAssertion(() => Assert.Equal("http://localhost/api/teams/t-1/events.ics?token=old",
            calendar.Find("[data-testid=calendar-feed-url]").TextContent));
        var webcal = calendar.Find("[data-testid=feed-webcal]");
        Assert.Equal("webcal://localhost/api/teams/t-1/events.ics?token=old", webcal.GetAttribute("href"));
        var google = calendar.Find("[data-testid=feed-google]");
        Assert.Equal("https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Flocalhost%2Fapi%2Fteams%2Ft-1%2Fevents.ics%3Ftoken%3Dold", google.GetAttribute("href"));
        // The links carry the token: nothing they open may learn where they came from or reach back.
        Assert.All(new[] { webcal, google }, link =>
        {
            Assert.Equal("_blank", link.GetAttribute("target"));
            Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        });
        Api.Answer(HttpMethod.Post, "/api/me/calendar-feeds", HttpStatusCode.OK, new[] { new CalendarFeedDto("t-1", "Choir", "/api/teams/t-1/events.ics?token=new") });

        calendar.Find("[data-testid=rotate-feed]").Click();
        calendar.Find("[data-testid=rotate-feed-confirm]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("http://localhost/api/teams/t-1/events.ics?token=new",
            calendar.Find("[data-testid=calendar-feed-url]").TextContent));
    }

    [Fact]
    public async Task TheMonthCanBeChanged()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);

        calendar.Find("[data-testid=month-next]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("December 2026", calendar.Find("[data-testid=month-title]").TextContent));
        var window = Query(Api.To(HttpMethod.Get, EventsPath)[^1]);
        Assert.Equal("2026-11-30T00:00:00+01:00", Uri.UnescapeDataString(window["from"]));
        Assert.Equal("2027-01-04T00:00:00+01:00", Uri.UnescapeDataString(window["to"]));
    }
}
