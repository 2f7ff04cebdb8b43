using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>A team's calendar rendered for a signed-in member, in Paris, on 20 Nov 2026 at 10:00 local time.</summary>
public abstract class CalendarTestContext : SquadraTestContext
{
    protected const string EventsPath = "/api/teams/t-1/events";

    protected CalendarTestContext()
    {
        Clock.SetNow(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<TimeProvider>(Clock);
    }

    protected ManualClock Clock { get; } = new() { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

    protected Task<IRenderedComponent<TeamCalendar>> RenderCalendarAsync(UserDto me, string role, params EventDto[] events) =>
        RenderCalendarAsync(me, role, selectedEventId: null, answerWith: null, events);

    /// <param name="selectedEventId">The event the address opens (<c>?event=</c>).</param>
    /// <param name="answerWith">The answer the address gives it (<c>&amp;rsvp=</c>, a push's button).</param>
    protected async Task<IRenderedComponent<TeamCalendar>> RenderCalendarAsync(
        UserDto me, string role, string? selectedEventId, string? answerWith, params EventDto[] events)
    {
        await SignInAsync(me);
        Api.AnswerAlways(HttpMethod.Get, EventsPath, HttpStatusCode.OK, events)
            .Answer(HttpMethod.Get, "/api/me/calendar-feeds", HttpStatusCode.OK, new[] { new CalendarFeedDto("t-1", "Choir", "/api/teams/t-1/events.ics?token=old") });
        var team = new TeamDto("t-1", "Choir", "", role, 2, Earlier);
        var calendar = Render<TeamCalendar>(parameters => parameters.Add(p => p.Team, team).Add(p => p.MyUserId, me.Id)
            .Add(p => p.SelectedEventId, selectedEventId).Add(p => p.AnswerWith, answerWith));
        calendar.WaitForAssertion(() => Assert.DoesNotContain("Loading events", calendar.Markup, StringComparison.Ordinal));
        return calendar;
    }

    protected static Dictionary<string, string> Query(HttpRequestMessage request) =>
        request.RequestUri!.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=')).ToDictionary(p => p[0], p => p[1]);

    protected static EventDto Event(string id, string title, DateTimeOffset startsAt) =>
        new(id, "t-1", title, "", "", startsAt, null, Alice, false, new(0, 0, 0), null);
}
