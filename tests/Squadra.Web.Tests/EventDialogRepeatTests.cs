using System.Net;
using System.Text.Json;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>
/// The create dialog's "Repeat": sent as the API reads a recurrence (in the browser's zone, a last date ending with its
/// local day), checked as EventRules checks it, and the API's "recurrence.*" errors beside their fields.
/// 1 Dec 2026, the start used here, is a Tuesday.
/// </summary>
public sealed class EventDialogRepeatTests : CalendarTestContext
{
    [Fact]
    public async Task AWeeklySeriesIsSentWithItsDaysIntervalCountAndTheBrowsersZoneAndItsCardSaysHowItRepeats()
    {
        var calendar = await OpenNewEventAsync();
        var recurrence = new RecurrenceDto("weekly", 2, ["TU", "TH"], Count: 4, TimeZone: "Europe/Paris");
        Api.Answer(HttpMethod.Post, EventsPath, HttpStatusCode.Created,
            Event("e-1", "Rehearsal", new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero)) with { SeriesId = "s-1", Recurrence = recurrence });

        calendar.Find("#eventRepeat").Change("weekly");
        // The start's day is chosen until the user chooses.
        Assert.Equal(["TU"], PressedDays(calendar));
        calendar.Find("[data-testid=repeat-day-TH]").Click();
        calendar.Find("#eventRepeatInterval").Change("2");
        calendar.Find("#eventRepeatEnd").Change("count");
        calendar.Find("#eventRepeatCount").Change("4");
        Assert.Equal(["TU", "TH"], PressedDays(calendar));
        Assert.Equal("Repeats every 2 weeks on Tue, Thu, 4 times", calendar.Find("[data-testid=repeat-summary]").TextContent);
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Contains("Repeats every 2 weeks on Tue, Thu, 4 times", calendar.Find("[data-testid=event-repeats]").TextContent, StringComparison.Ordinal));
        var sent = Sent(Api.To(HttpMethod.Post, EventsPath).Single()).Recurrence!;
        Assert.Equal(new RecurrenceDto("weekly", 2, Count: 4, TimeZone: "Europe/Paris"), sent with { ByDay = null });
        Assert.Equal(["TU", "TH"], sent.ByDay!);
    }

    [Fact]
    public async Task TheLastDateEndsWithThatLocalDayAndADailySeriesHasNoDays()
    {
        var calendar = await OpenNewEventAsync();
        Api.Answer(HttpMethod.Post, EventsPath, HttpStatusCode.Created, Event("e-1", "Rehearsal", new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero)));

        calendar.Find("#eventRepeat").Change("daily");
        Assert.Empty(calendar.FindAll("[data-testid=repeat-day-MO]"));
        calendar.Find("#eventRepeatEnd").Change("until");
        calendar.Find("#eventRepeatUntil").Change("2026-12-24");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Post, EventsPath)));
        var sent = Sent(Api.To(HttpMethod.Post, EventsPath).Single()).Recurrence!;
        Assert.Equal(new RecurrenceDto("daily", 1, Until: "2026-12-24T23:59:59+01:00", TimeZone: "Europe/Paris"), sent);
    }

    [Fact]
    public async Task AnEventThatDoesNotRepeatSendsNoRecurrence()
    {
        var calendar = await OpenNewEventAsync();
        Api.Answer(HttpMethod.Post, EventsPath, HttpStatusCode.Created, Event("e-1", "Rehearsal", new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Does not repeat", calendar.Find("#eventRepeat option").TextContent);
        Assert.Empty(calendar.FindAll("[data-testid=repeat-fields]"));

        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Single(Api.To(HttpMethod.Post, EventsPath)));
        Assert.Null(Sent(Api.To(HttpMethod.Post, EventsPath).Single()).Recurrence);
        Assert.Empty(calendar.FindAll("[data-testid=event-repeats]"));
    }

    [Fact]
    public async Task AnIntervalNoDayACountOrALastDateOutOfRangeAreRefusedBesideTheirFields()
    {
        var calendar = await OpenNewEventAsync();

        calendar.Find("#eventRepeat").Change("weekly");
        calendar.Find("#eventRepeatInterval").Change("53");
        calendar.Find("[data-testid=repeat-day-TU]").Click();
        calendar.Find("#eventRepeatEnd").Change("count");
        calendar.Find("#eventRepeatCount").Change("366");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("Every 1 to 52, as a whole number.", MessageBeside(calendar, "#eventRepeatInterval")));
        Assert.Equal("Choose at least one day.", MessageBeside(calendar, "[data-testid=repeat-day-MO]"));
        Assert.Equal("From 1 to 365 times.", MessageBeside(calendar, "#eventRepeatCount"));

        calendar.Find("#eventRepeatEnd").Change("until");
        calendar.Find("#eventRepeatUntil").Change("2026-11-30");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("The last date cannot be before the start.", MessageBeside(calendar, "#eventRepeatUntil")));
        Assert.Empty(Api.To(HttpMethod.Post, EventsPath));
    }

    [Fact]
    public async Task TheApisRecurrenceErrorsShowBesideTheirFieldsAndTheZonesAboveTheForm()
    {
        var calendar = await OpenNewEventAsync();
        Api.AnswerProblem(HttpMethod.Post, EventsPath, HttpStatusCode.BadRequest, "Invalid", new()
        {
            ["recurrence.interval"] = ["interval is 1-52."],
            ["recurrence.count"] = ["count is 1-365."],
            ["recurrence.timeZone"] = ["timeZone must be an IANA time zone, such as Europe/Rome."],
        });

        calendar.Find("#eventRepeat").Change("monthly");
        calendar.Find("#eventRepeatEnd").Change("count");
        calendar.Find("#eventRepeatCount").Change("12");
        calendar.Find("[data-testid=save-event]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("count is 1-365.", MessageBeside(calendar, "#eventRepeatCount")));
        Assert.Equal("interval is 1-52.", MessageBeside(calendar, "#eventRepeatInterval"));
        Assert.Equal("timeZone must be an IANA time zone, such as Europe/Rome.", calendar.Find("[data-testid=form-error]").TextContent);
    }

    async Task<IRenderedComponent<TeamCalendar>> OpenNewEventAsync()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member);
        calendar.Find("[data-testid=new-event]").Click();
        calendar.Find("#eventTitle").Change("Rehearsal");
        calendar.Find("#eventStartsAt").Change("2026-12-01T18:00");
        return calendar;
    }

    CreateEventRequest Sent(HttpRequestMessage request) => JsonSerializer.Deserialize<CreateEventRequest>(Api.BodyOf(request)!, JsonSerializerOptions.Web)!;

    static string[] PressedDays(IRenderedComponent<TeamCalendar> calendar) =>
        [.. calendar.FindAll("[data-testid^='repeat-day-'][aria-pressed='true']").Select(b => b.GetAttribute("data-testid")!["repeat-day-".Length..])];

    static string MessageBeside(IRenderedComponent<TeamCalendar> calendar, string selector) =>
        calendar.Find(selector).Closest(".field")!.QuerySelector(".validation-message")!.TextContent;
}
