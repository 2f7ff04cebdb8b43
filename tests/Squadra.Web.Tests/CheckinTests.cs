using System.Net;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>Who came to an event that has started: marked on its list by whoever may change it, seen by everyone.</summary>
public sealed class CheckinTests : CalendarTestContext
{
    const string AttendancePath = EventsPath + "/e-1/attendance";
    const string BobsCheckin = EventsPath + "/e-1/checkins/u-2";

    // Started an hour ago (the calendar's clock says 09:00 UTC), ends in an hour: still in "Upcoming".
    readonly EventDto _training = Event("e-1", "Training", new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero)) with
    {
        EndsAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Rsvp = new(2, 0, 0),
    };

    [Fact]
    public async Task TheCreatorMarksWhoCameAndPressingThePressedMarkTakesItBack()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, _training);
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, Attendance(came: [], missed: []));
        Assert.Contains("Who came", calendar.Find("[data-testid=toggle-attendance]").TextContent, StringComparison.Ordinal);

        calendar.Find("[data-testid=toggle-attendance]").Click();
        calendar.WaitForAssertion(() => Assert.Contains("Mark who came", calendar.Find("[data-testid=came-summary]").TextContent, StringComparison.Ordinal));
        Api.Answer(HttpMethod.Put, BobsCheckin, HttpStatusCode.OK, Attendance(came: [Bob.Id], missed: []));
        BobsMark(calendar, "mark-came").Click();

        calendar.WaitForAssertion(() => Assert.Equal("true", BobsMark(calendar, "mark-came").GetAttribute("aria-pressed")));
        Assert.Equal("false", BobsMark(calendar, "mark-missed").GetAttribute("aria-pressed"));
        Assert.Equal("1 came · 0 didn't", calendar.Find("[data-testid=came-summary]").TextContent.Trim());
        Assert.Equal("""{"attended":true}""", Api.BodyOf(Assert.Single(Api.To(HttpMethod.Put, BobsCheckin))));

        Api.Answer(HttpMethod.Delete, BobsCheckin, HttpStatusCode.OK, Attendance(came: [], missed: []));
        BobsMark(calendar, "mark-came").Click();

        calendar.WaitForAssertion(() => Assert.Equal("false", BobsMark(calendar, "mark-came").GetAttribute("aria-pressed")));
        Assert.Single(Api.To(HttpMethod.Delete, BobsCheckin));
    }

    [Fact]
    public async Task AMemberSeesWhoCameButIsOfferedNoMarks()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, _training);
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, Attendance(came: [Bob.Id], missed: [Carol.Id]));

        calendar.Find("[data-testid=toggle-attendance]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("1 came · 1 didn't", calendar.Find("[data-testid=came-summary]").TextContent.Trim()));
        Assert.Empty(calendar.FindAll("[data-testid=mark-came]"));
        Assert.Contains("Bob Dylan", calendar.Find("[data-testid=marked-came]").ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Carol King", calendar.Find("[data-testid=marked-missed]").ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventNotStartedYetHasNoMarksEvenForItsCreator()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Owner, _training with { StartsAt = _training.StartsAt.AddHours(3), EndsAt = null });
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, Attendance(came: [], missed: []));

        calendar.Find("[data-testid=toggle-attendance]").Click();

        calendar.WaitForAssertion(() => Assert.NotEmpty(calendar.FindAll("[data-testid=attendee]")));
        Assert.Empty(calendar.FindAll("[data-testid=mark-came]"));
        Assert.Empty(calendar.FindAll("[data-testid=came-summary]"));
        Assert.Contains("Hide who's coming", calendar.Find("[data-testid=toggle-attendance]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedMarkSaysWhyAndTheListKeepsWhatItShowed()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, _training);
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, Attendance(came: [], missed: []));
        calendar.Find("[data-testid=toggle-attendance]").Click();
        calendar.WaitForAssertion(() => Assert.NotEmpty(calendar.FindAll("[data-testid=mark-came]")));
        Api.AnswerProblem(HttpMethod.Put, BobsCheckin, HttpStatusCode.Forbidden, "Only the event's creator, the team's owner or an admin can change it.");

        BobsMark(calendar, "mark-missed").Click();

        calendar.WaitForAssertion(() => Assert.Contains("Only the event's creator", calendar.Find("[data-testid=attendance] .inline-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("false", BobsMark(calendar, "mark-missed").GetAttribute("aria-pressed"));
    }

    [Theory]
    [InlineData(TeamRoles.Owner, "Attendance")]
    [InlineData(TeamRoles.Admin, "Attendance")]
    [InlineData(TeamRoles.Member, "My attendance")]
    public async Task TheCalendarLeadsToTheTeamsAttendanceOrAMembersOwn(string role, string label)
    {
        var calendar = await RenderCalendarAsync(Alice, role, _training);

        var link = calendar.Find("[data-testid=attendance-report-link]");
        Assert.Equal((label, "teams/t-1/attendance"), (link.TextContent, link.GetAttribute("href")));
    }

    static AttendanceDto Attendance(string[] came, string[] missed) => new([Alice, Bob], [], [], [], [Carol], came, missed);

    static AngleSharp.Dom.IElement BobsMark(IRenderedComponent<TeamCalendar> calendar, string mark) =>
        calendar.FindAll("[data-testid=attendee]").Single(a => a.TextContent.Contains("Bob Dylan", StringComparison.Ordinal))
            .QuerySelector($"[data-testid={mark}]")!;
}
