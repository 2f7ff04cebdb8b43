using System.Net;
using System.Text.Json;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>
/// The event dialog's places, RSVP deadline, when those without an answer are asked, and "I'm going": checked as the API
/// checks them, and sent as it reads them.
/// </summary>
public sealed class EventDialogLimitsTests : CalendarTestContext
{
    [Fact]
    public async Task CreatingSendsThePlacesTheDeadlineWithItsOffsetAndWhetherTheCreatorIsGoing()
    {
        var calendar = await OpenNewEventAsync();
        Api.Answer(HttpMethod.Post, EventsPath, HttpStatusCode.Created, Event("e-1", "Rehearsal", new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero)) with { Capacity = 12 });
        Assert.True(calendar.Find("#eventCreatorGoing").HasAttribute("checked"));

        calendar.Find("#eventCapacity").Change("12");
        calendar.Find("#eventRsvpDeadline").Change("2026-11-30T20:00");
        calendar.Find("#eventCreatorGoing").Change(false);
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("0 of 12 places taken", calendar.Find("[data-testid=event-places]").TextContent));
        var request = Sent<CreateEventRequest>(Api.To(HttpMethod.Post, EventsPath).Single());
        Assert.Equal(12, request.Capacity);
        Assert.Equal("2026-11-30T20:00:00+01:00", request.RsvpDeadline);
        Assert.False(request.CreatorGoing);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("2.5")]
    public async Task PlacesOutsideOneToTenThousandAreRefusedBesideTheField(string places)
    {
        var calendar = await OpenNewEventAsync();

        calendar.Find("#eventCapacity").Change(places);
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("Places are a whole number from 1 to 10000; leave it empty for no limit.", MessageBeside(calendar, "eventCapacity")));
        Assert.Empty(Api.To(HttpMethod.Post, EventsPath));
    }

    [Fact]
    public async Task ADeadlineAfterTheStartIsRefusedBesideTheField()
    {
        var calendar = await OpenNewEventAsync();

        calendar.Find("#eventRsvpDeadline").Change("2026-12-01T19:00");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("Answers must close by the start, not after it.", MessageBeside(calendar, "eventRsvpDeadline")));
        Assert.Empty(Api.To(HttpMethod.Post, EventsPath));
    }

    [Fact]
    public async Task TheApisErrorsOnPlacesAndTheDeadlineShowBesideThem()
    {
        var calendar = await OpenNewEventAsync();
        Api.AnswerProblem(HttpMethod.Post, EventsPath, HttpStatusCode.BadRequest, "Invalid", new()
        {
            ["capacity"] = ["capacity is 1-10000."],
            ["rsvpDeadline"] = ["rsvpDeadline must not be after startsAt."],
        });

        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("capacity is 1-10000.", MessageBeside(calendar, "eventCapacity")));
        Assert.Equal("rsvpDeadline must not be after startsAt.", MessageBeside(calendar, "eventRsvpDeadline"));
        Assert.Empty(calendar.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public async Task EditingWithThePlacesEmptiedRemovesTheLimitAndAnEmptiedDeadlineClosesAnswersAtTheStart()
    {
        var start = new DateTimeOffset(2026, 11, 28, 17, 0, 0, TimeSpan.Zero);
        var gig = Event("e-1", "Gig", start) with { Capacity = 10, RsvpDeadline = start.AddDays(-1) };
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, gig);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-1", HttpStatusCode.OK, gig with { Capacity = null, RsvpDeadline = start });

        calendar.Find("[data-testid=edit-event]").Click();
        Assert.Equal("10", calendar.Find("#eventCapacity").GetAttribute("value"));
        Assert.Equal("2026-11-27T18:00", calendar.Find("#eventRsvpDeadline").GetAttribute("value"));
        Assert.Empty(calendar.FindAll("#eventCreatorGoing"));
        calendar.Find("#eventCapacity").Change("");
        calendar.Find("#eventRsvpDeadline").Change("");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Empty(calendar.FindAll("[data-testid=event-dialog]")));
        var request = Sent<UpdateEventRequest>(Api.To(HttpMethod.Patch, $"{EventsPath}/e-1").Single());
        Assert.Equal(0, request.Capacity);
        Assert.Equal("2026-11-28T18:00:00+01:00", request.RsvpDeadline);
        Assert.Empty(calendar.FindAll("[data-testid=event-places]"));
        Assert.Empty(calendar.FindAll("[data-testid=event-deadline]"));
    }

    [Fact]
    public async Task EditingAnEventWithoutADeadlineLeavesItWithout()
    {
        var gig = Event("e-1", "Gig", new(2026, 11, 28, 17, 0, 0, TimeSpan.Zero));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, gig);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-1", HttpStatusCode.OK, gig);

        calendar.Find("[data-testid=edit-event]").Click();
        calendar.Find("#eventTitle").Change("Big gig");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Empty(calendar.FindAll("[data-testid=event-dialog]")));
        Assert.Null(Sent<UpdateEventRequest>(Api.To(HttpMethod.Patch, $"{EventsPath}/e-1").Single()).RsvpDeadline);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("0", 0)]
    [InlineData("1440", 1440)]
    public async Task CreatingSendsWhenThoseWithoutAnAnswerAreAskedOrLeavesItToTheUsualTime(string choice, int? minutes)
    {
        var calendar = await OpenNewEventAsync();
        Api.Answer(HttpMethod.Post, EventsPath, HttpStatusCode.Created, Event("e-1", "Rehearsal", new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal("", Chosen(calendar, "eventRsvpRequestLead"));

        calendar.Find("#eventRsvpRequestLead").Change(choice);
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Post, EventsPath)));
        Assert.Equal(minutes, Sent<CreateEventRequest>(Api.To(HttpMethod.Post, EventsPath).Single()).RsvpRequestLeadMinutes);
    }

    [Fact]
    public async Task EditingKeepsAnEventsOwnAskingTimeEvenOneOffTheListAndNoLongerOffersTheUsualOne()
    {
        var gig = Event("e-1", "Gig", new(2026, 11, 28, 17, 0, 0, TimeSpan.Zero)) with { RsvpRequestLeadMinutes = 90 };
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, gig);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-1", HttpStatusCode.OK, gig);

        calendar.Find("[data-testid=edit-event]").Click();
        var options = calendar.FindAll("#eventRsvpRequestLead option");
        Assert.DoesNotContain(options, option => option.GetAttribute("value") == "");
        Assert.Contains(options, option => option.GetAttribute("value") == "90" && option.TextContent == "90 minutes before");
        Assert.Equal("90", Chosen(calendar, "eventRsvpRequestLead"));
        calendar.Find("#eventRsvpRequestLead").Change("10080");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Empty(calendar.FindAll("[data-testid=event-dialog]")));
        Assert.Equal(10080, Sent<UpdateEventRequest>(Api.To(HttpMethod.Patch, $"{EventsPath}/e-1").Single()).RsvpRequestLeadMinutes);
    }

    async Task<IRenderedComponent<TeamCalendar>> OpenNewEventAsync()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);
        calendar.Find("[data-testid=new-event]").Click();
        calendar.Find("#eventTitle").Change("Rehearsal");
        calendar.Find("#eventStartsAt").Change("2026-12-01T18:00");
        return calendar;
    }

    T Sent<T>(HttpRequestMessage request) => JsonSerializer.Deserialize<T>(Api.BodyOf(request)!, JsonSerializerOptions.Web)!;

    // Blazor renders a select's value as an attribute; without one, the DOM's own choice (the first option).
    static string Chosen(IRenderedComponent<TeamCalendar> calendar, string selectId)
    {
        var select = calendar.Find($"#{selectId}");
        return select.GetAttribute("value") ?? ((AngleSharp.Html.Dom.IHtmlSelectElement)select).Value ?? "";
    }

    static string MessageBeside(IRenderedComponent<TeamCalendar> calendar, string inputId) =>
        calendar.Find($"#{inputId}").ParentElement!.QuerySelector(".validation-message")!.TextContent;
}
