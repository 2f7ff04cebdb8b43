using System.Net;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class TeamListTests : SquadraTestContext
{
    [Fact]
    public async Task EachTeamShowsItsSizeAndTheCallersRole()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[]
        {
            new TeamDto("t-1", "Choir", "We sing.", TeamRoles.Owner, 3, Earlier),
            new TeamDto("t-2", "Band", "", TeamRoles.Member, 1, Earlier),
        });

        var list = Render<TeamList>(parameters => parameters.Add(p => p.IsPage, true));

        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=team-item]").Count));
        var first = list.FindAll("[data-testid=team-item]")[0];
        Assert.Contains("3 members", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Owner", first.QuerySelector("[data-testid=role]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 member", list.FindAll("[data-testid=team-item]")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("teams/t-1", first.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ADeletedTeamLeavesTheListWhenItsNotificationArrives()
    {
        await SignInAsync(Bob);
        Api.Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[] { new TeamDto("t-1", "Choir", "", TeamRoles.Member, 2, Earlier) })
            .Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>());
        Api.AnswerAlways(HttpMethod.Get, "/api/invitations", HttpStatusCode.OK, Array.Empty<object>());
        var list = Render<TeamList>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=team-item]")));

        await Realtime.PushAsync(Notification(1, NotificationTypes.TeamDeleted, new { teamId = "t-1", name = "Choir" }));

        list.WaitForAssertion(() => Assert.NotNull(list.Find("[data-testid=no-teams]")));
    }

    [Fact]
    public async Task UnreadMessagesAreCountedFromTheServersReadStateAndGoUpLive()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[]
        {
            new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 3, Earlier, LastMessageSeq: 10, LastReadSeq: 7),
            new TeamDto("t-2", "Band", "", TeamRoles.Member, 1, Earlier, LastMessageSeq: 0),
        });
        var list = Render<TeamList>();
        list.WaitForAssertion(() => Assert.Equal("3", list.Find("[data-testid=team-unread]").TextContent));
        Assert.Single(list.FindAll("[data-testid=team-unread]"));

        await Realtime.PushMessageAsync(new("m-11", "t-1", 11, Bob, "hi", DateTimeOffset.UtcNow, null, false));
        await Realtime.PushMessageAsync(new("m-1", "t-2", 1, Bob, "hi", DateTimeOffset.UtcNow, null, false));

        list.WaitForAssertion(() => Assert.Equal(["4", "1"], list.FindAll("[data-testid=team-unread]").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task NewTeamOpensTheCreateDialog()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>());
        var list = Render<TeamList>();

        list.Find("[data-testid=create-team]").Click();

        Assert.NotNull(list.Find("#teamName"));
        Assert.NotNull(list.Find("#teamDescription"));
    }
}
