using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Events;

/// <summary>Attendance registered: who came to an event that has started, and the team's record over a period.</summary>
[Collection(ApiCollection.Name)]
public sealed class CheckinTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TheCreatorMarksWhoCameChangesAndClearsAMarkAndEveryMemberSeesIt()
    {
        var (owner, team, members) = await cluster.TeamAsync(3);
        var training = await StartedAsync(owner, team, "Training");
        await members[0].RsvpAsync(training, "going");

        var marked = await CheckInAsync(owner, training, members[0], attended: true);
        Assert.Equal([members[0].User.Id], marked.Attended!);
        Assert.Empty(marked.Absent!);
        await CheckInAsync(owner, training, members[1], attended: false);
        await CheckInAsync(owner, training, members[2], attended: true);
        // Changed and taken back: the last word counts, and a cleared mark is no mark.
        await CheckInAsync(owner, training, members[2], attended: false);
        var cleared = await owner.SendOkAsync<AttendanceDto>(HttpMethod.Delete, CheckinPath(training, members[1]));
        Assert.Equal([members[2].User.Id], cleared.Absent!);

        var seenByAMember = await members[1].SendOkAsync<AttendanceDto>(HttpMethod.Get, $"/api/teams/{team.Id}/events/{training.Id}/attendance");
        Assert.Equal([members[0].User.Id], seenByAMember.Attended!);
        Assert.Equal([members[2].User.Id], seenByAMember.Absent!);
        // A mark is not an answer: who said they are going is unchanged.
        Assert.Equal([members[0].User.Id], seenByAMember.Going.Select(u => u.Id));
    }

    [Fact]
    public async Task AnAdminMarksAnotherMembersEventAndEveryMemberOnTheOtherReplicaIsToldItChanged()
    {
        var (owner, team, members) = await cluster.TeamAsync(2);
        var admin = members[0];
        await owner.SendOkAsync<MemberDto>(HttpMethod.Put, $"/api/teams/{team.Id}/members/{admin.User.Id}/role", new ChangeRoleRequest(TeamRoles.Admin));
        var game = await StartedAsync(owner, team, "Game");
        await using var hub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), members[1].Token);

        await CheckInAsync(admin.On(cluster.Replica1.CreateClient()), game, members[1], attended: true);

        await hub.WaitForEventAsync(e => e.Id == game.Id, s_delivery);
    }

    [Fact]
    public async Task OnlyTheCreatorTheOwnerAndAdminsMarkAndOnlyMembersOfAStartedLiveEvent()
    {
        var (owner, team, members) = await cluster.TeamAsync(2);
        var started = await StartedAsync(owner, team, "Started");
        var stranger = await cluster.NewUserAsync();

        using var byAMember = await members[0].SendAsync(HttpMethod.Put, CheckinPath(started, members[1]), new CheckinRequest(true));
        await byAMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var clearedByAMember = await members[0].SendAsync(HttpMethod.Delete, CheckinPath(started, members[1]));
        await clearedByAMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var byAStranger = await stranger.SendAsync(HttpMethod.Put, CheckinPath(started, members[1]), new CheckinRequest(true));
        await byAStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        using var ofAStranger = await owner.SendAsync(HttpMethod.Put, CheckinPath(started, stranger), new CheckinRequest(true));
        await ofAStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        using var unknownEvent = await owner.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/events/{Guid.NewGuid()}/checkins/{members[0].User.Id}", new CheckinRequest(true));
        await unknownEvent.AssertProblemAsync(HttpStatusCode.NotFound);
        using var noAnswer = await owner.SendAsync(HttpMethod.Put, CheckinPath(started, members[0]), new CheckinRequest(null));
        await noAnswer.AssertValidationProblemAsync("attended");
        using var notABoolean = await owner.SendAsync(HttpMethod.Put, CheckinPath(started, members[0]), new { attended = "yes" });
        await notABoolean.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var anonymous = await cluster.Replica1.CreateClient().PutAsJsonAsync(CheckinPath(started, members[0]), new CheckinRequest(true));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var future = await owner.CreateEventAsync(team, "Next week", DateTimeOffset.UtcNow.AddDays(7));
        using var early = await owner.SendAsync(HttpMethod.Put, CheckinPath(future, members[0]), new CheckinRequest(true));
        Assert.Equal("Not started", (await early.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString());
        var cancelled = await StartedAsync(owner, team, "Called off");
        using var cancel = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{cancelled.Id}");
        using var ofCancelled = await owner.SendAsync(HttpMethod.Put, CheckinPath(cancelled, members[0]), new CheckinRequest(true));
        await ofCancelled.AssertProblemAsync(HttpStatusCode.Conflict);

        // Nothing refused was written.
        var attendance = await owner.SendOkAsync<AttendanceDto>(HttpMethod.Get, $"/api/teams/{team.Id}/events/{started.Id}/attendance");
        Assert.Empty(attendance.Attended!);
        Assert.Empty(attendance.Absent!);
    }

    [Fact]
    public async Task TheReportCountsEachMembersRegisteredEventsInThePeriodAndAMembersOwnForAMember()
    {
        var (owner, team, members) = await cluster.TeamAsync(2);
        var (ana, ben) = (members[0], members[1]);
        var now = DateTimeOffset.UtcNow;
        var monday = await owner.CreateEventAsync(team, "Monday", now.AddDays(-3));
        var thursday = await owner.CreateEventAsync(team, "Thursday", now.AddHours(-2));
        var longAgo = await owner.CreateEventAsync(team, "Last year", now.AddDays(-200));
        await owner.CreateEventAsync(team, "Not registered", now.AddDays(-1));
        await CheckInAsync(owner, monday, ana, attended: true);
        await CheckInAsync(owner, monday, ben, attended: false);
        await CheckInAsync(owner, thursday, ana, attended: true);
        await CheckInAsync(owner, longAgo, ben, attended: true);

        var report = await owner.SendOkAsync<AttendanceReportDto>(HttpMethod.Get, $"/api/teams/{team.Id}/attendance");

        Assert.Equal(2, report.Events);
        Assert.Equal((2, 0), Counts(report, ana));
        Assert.Equal((0, 1), Counts(report, ben));
        Assert.Equal((0, 0), Counts(report, owner));
        var year = await owner.SendOkAsync<AttendanceReportDto>(HttpMethod.Get,
            $"/api/teams/{team.Id}/attendance?from={Uri.EscapeDataString(EventClient.Instant(now.AddDays(-300)))}&to={Uri.EscapeDataString(EventClient.Instant(now.AddDays(-100)))}");
        Assert.Equal((1, (1, 0)), (year.Events, Counts(year, ben)));

        // A member sees their own record only, against the same registered events.
        var bens = await ben.SendOkAsync<AttendanceReportDto>(HttpMethod.Get, $"/api/teams/{team.Id}/attendance");
        Assert.Equal(2, bens.Events);
        Assert.Equal([ben.User.Id], bens.Members.Select(m => m.User.Id));
        Assert.Equal((0, 1), Counts(bens, ben));
        using var byAStranger = await (await cluster.NewUserAsync()).SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/attendance");
        await byAStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        using var badFrom = await owner.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/attendance?from=yesterday");
        await badFrom.AssertValidationProblemAsync("from");
        using var tooLong = await owner.SendAsync(HttpMethod.Get,
            $"/api/teams/{team.Id}/attendance?from={Uri.EscapeDataString(EventClient.Instant(now.AddDays(-400)))}");
        await tooLong.AssertValidationProblemAsync("to");
        // A start in the future with the end left to its default (now): the period would run backwards.
        using var backwards = await owner.SendAsync(HttpMethod.Get,
            $"/api/teams/{team.Id}/attendance?from={Uri.EscapeDataString(EventClient.Instant(now.AddDays(2)))}");
        await backwards.AssertValidationProblemAsync("from");
    }

    private static (int Attended, int Absent) Counts(AttendanceReportDto report, TestUser member) =>
        report.Members.Where(m => m.User.Id == member.User.Id).Select(m => (m.Attended, m.Absent)).Single();

    /// <summary>An event that began an hour ago: its attendance can be registered.</summary>
    private static Task<EventDto> StartedAsync(TestUser owner, TeamDto team, string title) =>
        owner.CreateEventAsync(team, title, DateTimeOffset.UtcNow.AddHours(-1));

    private static string CheckinPath(EventDto e, TestUser member) => $"/api/teams/{e.TeamId}/events/{e.Id}/checkins/{member.User.Id}";

    private static Task<AttendanceDto> CheckInAsync(TestUser marker, EventDto e, TestUser member, bool attended) =>
        marker.SendOkAsync<AttendanceDto>(HttpMethod.Put, CheckinPath(e, member), new CheckinRequest(attended));
}
