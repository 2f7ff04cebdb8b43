using System.Net;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>The team's attendance over a period (on the calendar's clock): every member's for the owner and admins, a member's own.</summary>
public sealed class AttendanceReportTests : CalendarTestContext
{
    const string ReportPath = "/api/teams/t-1/attendance";

    [Fact]
    public async Task EachMemberWithTheEventsTheyCameToMissedAndTheShareOverTheLast90Days()
    {
        Api.Answer(HttpMethod.Get, ReportPath, HttpStatusCode.OK,
            new AttendanceReportDto(Clock.GetUtcNow().AddDays(-90), Clock.GetUtcNow(), 3, [new(Alice, 0, 0), new(Bob, 2, 1), new(Carol, 3, 0)]));

        var report = await RenderReportAsync();

        report.WaitForAssertion(() => Assert.Equal(3, report.FindAll("[data-testid=attendance-row]").Count));
        Assert.Equal(["—", "67 %", "100 %"], report.FindAll("[data-testid=attended-share]").Select(c => c.TextContent));
        Assert.Equal(["0", "2", "3"], report.FindAll("[data-testid=attended-count]").Select(c => c.TextContent));
        Assert.Equal("3 registered events, last 90 days", report.Find("caption").TextContent);
        var query = Query(Assert.Single(Api.To(HttpMethod.Get, ReportPath)));
        Assert.Equal(("2026-08-22T09:00:00+00:00", "2026-11-20T09:00:00+00:00"), (Uri.UnescapeDataString(query["from"]), Uri.UnescapeDataString(query["to"])));
    }

    [Fact]
    public async Task AnotherPeriodIsReadAgainAndAPeriodWithNothingRegisteredSaysHowToRegister()
    {
        Api.Answer(HttpMethod.Get, ReportPath, HttpStatusCode.OK, new AttendanceReportDto(Clock.GetUtcNow().AddDays(-90), Clock.GetUtcNow(), 1, [new(Bob, 1, 0)]))
            .Answer(HttpMethod.Get, ReportPath, HttpStatusCode.OK, new AttendanceReportDto(Clock.GetUtcNow().AddDays(-30), Clock.GetUtcNow(), 0, [new(Bob, 0, 0)]));
        var report = await RenderReportAsync();
        report.WaitForAssertion(() => Assert.Single(report.FindAll("[data-testid=attendance-row]")));

        report.Find("[data-testid=attendance-period]").Change("30");

        report.WaitForAssertion(() => Assert.NotEmpty(report.FindAll("[data-testid=no-attendance]")));
        Assert.Equal("2026-10-21T09:00:00+00:00", Uri.UnescapeDataString(Query(Api.To(HttpMethod.Get, ReportPath)[1])["from"]));
    }

    [Fact]
    public async Task AMemberSeesTheirOwnRecordAndARefusalSaysWhy()
    {
        Api.Answer(HttpMethod.Get, ReportPath, HttpStatusCode.OK, new AttendanceReportDto(Clock.GetUtcNow().AddDays(-90), Clock.GetUtcNow(), 4, [new(Alice, 3, 1)]));

        var report = await RenderReportAsync(TeamRoles.Member);

        report.WaitForAssertion(() => Assert.Equal("75 %", report.Find("[data-testid=attended-share]").TextContent));
        Assert.Equal("Your attendance", report.Find("h2").TextContent);

        Api.AnswerProblem(HttpMethod.Get, ReportPath, HttpStatusCode.NotFound, "No such team.");
        report.Find("[data-testid=attendance-period]").Change("30");

        report.WaitForAssertion(() => Assert.Contains("No such team.", report.Markup, StringComparison.Ordinal));
        Assert.Empty(report.FindAll("table"));
    }

    async Task<IRenderedComponent<AttendanceReport>> RenderReportAsync(string role = TeamRoles.Owner)
    {
        await SignInAsync(Alice);
        return Render<AttendanceReport>(parameters => parameters.Add(p => p.Team, new TeamDto("t-1", "Choir", "", role, 3, Earlier)));
    }
}
