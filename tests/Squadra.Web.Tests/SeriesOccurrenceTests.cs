using System.Net;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>
/// An occurrence of a series on the calendar: its card says how it repeats, and changing or cancelling it asks which
/// occurrences, sends that scope, and shows every occurrence it reached (the calendar is read again).
/// </summary>
public sealed class SeriesOccurrenceTests : CalendarTestContext
{
    static readonly DateTimeOffset FirstStart = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero); // Tuesday 1 Dec, 18:00 in Paris

    [Theory]
    [InlineData("weekly", 1, "TU", null, null, "Repeats weekly on Tue")]
    [InlineData("weekly", 2, null, null, null, "Repeats every 2 weeks on Tue")]
    [InlineData("weekly", 1, "FR,MO", 4, null, "Repeats weekly on Mon, Fri, 4 times")]
    [InlineData("daily", 3, null, 10, null, "Repeats every 3 days, 10 times")]
    [InlineData("monthly", 1, null, null, "2027-03-01T22:59:59Z", "Repeats monthly on day 1, until 1 Mar 2027")]
    public async Task AnOccurrencesCardSaysHowItsSeriesRepeats(string frequency, int interval, string? days, int? count, string? until, string expected)
    {
        var recurrence = new RecurrenceDto(frequency, interval, days?.Split(','), until, count, "Europe/Paris");
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, Occurrence("e-1", FirstStart) with { Recurrence = recurrence });

        Assert.Equal(expected, calendar.Find("[data-testid=event-repeats]").TextContent.Replace("↻", "", StringComparison.Ordinal).Trim());
    }

    [Fact]
    public async Task ASingleEventSaysNothingOfRepeatingAndItsChangesAskNoScope()
    {
        var gig = Event("e-1", "Gig", FirstStart);
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, gig);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-1", HttpStatusCode.OK, gig);

        Assert.Empty(calendar.FindAll("[data-testid=event-repeats]"));
        calendar.Find("[data-testid=edit-event]").Click();
        Assert.Empty(calendar.FindAll("[data-testid=scope-choice]"));
        Assert.Empty(calendar.FindAll("#eventRepeat"));
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Empty(calendar.FindAll("[data-testid=event-dialog]")));
        Assert.Equal("", Api.To(HttpMethod.Patch, $"{EventsPath}/e-1").Single().RequestUri!.Query);
    }

    [Fact]
    public async Task ChangingThisAndFollowingSendsThatScopeAndShowsTheLaterOccurrencesChangedButNotTheEarlierOne()
    {
        var (first, second, third) = (Occurrence("e-1", FirstStart), Occurrence("e-2", FirstStart.AddDays(7)), Occurrence("e-3", FirstStart.AddDays(14)));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, first, second, third);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-2", HttpStatusCode.OK, second with { Title = "Long rehearsal" });

        CardOf(calendar, "e-2").QuerySelector("[data-testid=edit-event]")!.Click();
        Assert.True(calendar.Find("[data-testid=scope-this]").HasAttribute("checked"));
        calendar.Find("[data-testid=scope-following]").Change(true);
        calendar.Find("#eventTitle").Change("Long rehearsal");
        // What the API has once the change is made: the calendar reads it again.
        Api.AnswerAlways(HttpMethod.Get, EventsPath, HttpStatusCode.OK,
            new[] { first, second with { Title = "Long rehearsal" }, third with { Title = "Long rehearsal" } });
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("Long rehearsal", CardOf(calendar, "e-3").TextContent, StringComparison.Ordinal));
        Assert.Contains("Long rehearsal", CardOf(calendar, "e-2").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Long rehearsal", CardOf(calendar, "e-1").TextContent, StringComparison.Ordinal);
        Assert.Equal("following", Query(Api.To(HttpMethod.Patch, $"{EventsPath}/e-2").Single())["scope"]);
    }

    [Fact]
    public async Task TheRepeatFieldsShowTheSeriesRuleForFollowingOrAllAndAChangedRuleIsSentButNotForThisOneAlone()
    {
        var second = Occurrence("e-2", FirstStart.AddDays(7)) with { Recurrence = new("weekly", 1, ["TU"], Count: 6, TimeZone: "Europe/Paris") };
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, Occurrence("e-1", FirstStart), second);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-2", HttpStatusCode.OK, second);

        CardOf(calendar, "e-2").QuerySelector("[data-testid=edit-event]")!.Click();
        // One occurrence alone has no rule of its own: no Repeat fields.
        Assert.Empty(calendar.FindAll("#eventRepeat"));
        calendar.Find("[data-testid=scope-all]").Change(true);
        Assert.Equal("weekly", calendar.Find("#eventRepeat").GetAttribute("value"));
        Assert.Empty(calendar.FindAll("#eventRepeat option[value='']")); // a series stays a series
        Assert.Equal(["TU"], calendar.FindAll("[data-testid^=repeat-day-][aria-pressed=true]").Select(b => b.GetAttribute("data-testid")![11..]));
        Assert.Equal("6", calendar.Find("#eventRepeatCount").GetAttribute("value"));
        calendar.Find("[data-testid=repeat-day-TH]").Click();
        calendar.Find("#eventRepeatEnd").Change("until");
        calendar.Find("#eventRepeatUntil").Change("2027-01-31");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Patch, $"{EventsPath}/e-2")));
        var patch = Api.To(HttpMethod.Patch, $"{EventsPath}/e-2").Single();
        Assert.Equal("all", Query(patch)["scope"]);
        var sent = System.Text.Json.JsonSerializer.Deserialize<UpdateEventRequest>(Api.BodyOf(patch)!, System.Text.Json.JsonSerializerOptions.Web)!.Recurrence!;
        Assert.Equal(("weekly", 1, (int?)null, "Europe/Paris"), (sent.Frequency, sent.Interval, sent.Count, sent.TimeZone));
        Assert.Equal(["TU", "TH"], sent.ByDay!);
        Assert.Equal("2027-01-31T23:59:59+01:00", sent.Until);
    }

    [Theory]
    [InlineData("this")]
    [InlineData("following")]
    public async Task ARuleLeftAsItWasIsNotSent(string scope)
    {
        var occurrence = Occurrence("e-1", FirstStart);
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, occurrence);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-1", HttpStatusCode.OK, occurrence with { Location = "Hall B" });

        calendar.Find("[data-testid=edit-event]").Click();
        calendar.Find($"[data-testid=scope-{scope}]").Change(true);
        calendar.Find("#eventLocation").Change("Hall B");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Patch, $"{EventsPath}/e-1")));
        var body = System.Text.Json.JsonSerializer.Deserialize<UpdateEventRequest>(Api.BodyOf(Api.To(HttpMethod.Patch, $"{EventsPath}/e-1").Single())!,
            System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal(("Hall B", (RecurrenceDto?)null), (body.Location, body.Recurrence));
    }

    [Fact]
    public async Task SavingAnOccurrenceWithoutChoosingChangesThisOneOnly()
    {
        var occurrence = Occurrence("e-1", FirstStart);
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, occurrence);
        Api.Answer(HttpMethod.Patch, $"{EventsPath}/e-1", HttpStatusCode.OK, occurrence with { Location = "Hall B" });

        calendar.Find("[data-testid=edit-event]").Click();
        calendar.Find("#eventLocation").Change("Hall B");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("Hall B", calendar.Find("[data-testid=event-item]").TextContent, StringComparison.Ordinal));
        Assert.Equal("this", Query(Api.To(HttpMethod.Patch, $"{EventsPath}/e-1").Single())["scope"]);
    }

    [Fact]
    public async Task CancellingAllEventsOfASeriesSendsThatScopeAndShowsEveryOccurrenceCancelled()
    {
        var (first, second) = (Occurrence("e-1", FirstStart), Occurrence("e-2", FirstStart.AddDays(7)));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, first, second);
        Api.Answer(HttpMethod.Delete, $"{EventsPath}/e-2", HttpStatusCode.NoContent);

        CardOf(calendar, "e-2").QuerySelector("[data-testid=cancel-event]")!.Click();
        Assert.True(calendar.Find("[data-testid=cancel-series] [data-testid=scope-this]").HasAttribute("checked"));
        calendar.Find("[data-testid=cancel-series] [data-testid=scope-all]").Change(true);
        Api.AnswerAlways(HttpMethod.Get, EventsPath, HttpStatusCode.OK, new[] { first with { Cancelled = true }, second with { Cancelled = true } });
        calendar.Find("[data-testid=cancel-event-confirm]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("cancelled", CardOf(calendar, "e-1").ClassList));
        Assert.Contains("cancelled", CardOf(calendar, "e-2").ClassList);
        Assert.Equal("all", Query(Api.To(HttpMethod.Delete, $"{EventsPath}/e-2").Single())["scope"]);
        Assert.Empty(calendar.FindAll("[data-testid=cancel-series]"));
    }

    [Fact]
    public async Task CancellingOneOccurrenceByDefaultSendsScopeThisAndLeavesTheOthers()
    {
        var (first, second) = (Occurrence("e-1", FirstStart), Occurrence("e-2", FirstStart.AddDays(7)));
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, first, second);
        Api.Answer(HttpMethod.Delete, $"{EventsPath}/e-1", HttpStatusCode.NoContent);

        CardOf(calendar, "e-1").QuerySelector("[data-testid=cancel-event]")!.Click();
        calendar.Find("[data-testid=cancel-event-confirm]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("cancelled", CardOf(calendar, "e-1").ClassList));
        Assert.DoesNotContain("cancelled", CardOf(calendar, "e-2").ClassList);
        Assert.Equal("this", Query(Api.To(HttpMethod.Delete, $"{EventsPath}/e-1").Single())["scope"]);
    }

    static EventDto Occurrence(string id, DateTimeOffset startsAt) =>
        Event(id, "Rehearsal", startsAt) with { SeriesId = "s-1", Recurrence = new("weekly", 1, ["TU"], TimeZone: "Europe/Paris") };

    static AngleSharp.Dom.IElement CardOf(IRenderedComponent<TeamCalendar> calendar, string eventId) =>
        calendar.Find($"[data-testid=event-item][data-event-id='{eventId}']");
}
