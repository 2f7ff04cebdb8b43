using System.Net;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class HomePageTests : SquadraTestContext
{
    public HomePageTests() => Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<object>());

    [Fact]
    public async Task ShowsWhoIsSignedInAsTheApiSaysAndNoReplicaInternals()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice with { DisplayName = "Alice L." }, servedBy: "api-2");

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Contains("Alice L.", page.Find("[data-testid=current-user]").TextContent, StringComparison.Ordinal));
        Assert.Contains("@alice", page.Find("[data-testid=current-user]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("api-2", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=served-by]"));
        Assert.Equal("Bearer token-alice", Api.To(HttpMethod.Get, "/api/me").Single().Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task ListsTheUsersTeamsBelowTheCard()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice)
            .Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[] { new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 1, DateTimeOffset.UtcNow) })
            .Answer(HttpMethod.Get, "/api/teams/t-1/events", HttpStatusCode.OK, Array.Empty<object>());

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Contains("Choir", page.Find("[data-testid=team-item]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid=create-team]"));
    }

    [Fact]
    public async Task ComingUpListsTheNextEventsOfEveryTeamInOrderWithTheUsersAnswer()
    {
        await SignInAsync(Alice);
        var now = DateTimeOffset.UtcNow;
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice)
            .Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[]
            {
                new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 1, Earlier),
                new TeamDto("t-2", "Rowing club", "", TeamRoles.Member, 3, Earlier),
            })
            .Answer(HttpMethod.Get, "/api/teams/t-1/events", HttpStatusCode.OK, new[]
            {
                UpcomingEvent("e-1", "t-1", "Concert", now.AddDays(3), myRsvp: null),
                UpcomingEvent("e-2", "t-1", "Cancelled rehearsal", now.AddDays(1), myRsvp: null) with { Cancelled = true },
            })
            .Answer(HttpMethod.Get, "/api/teams/t-2/events", HttpStatusCode.OK, new[] { UpcomingEvent("e-3", "t-2", "Training", now.AddDays(1), EventRules.RsvpGoing) });

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=upcoming-event]").Count));
        var items = page.FindAll("[data-testid=upcoming-event]");
        Assert.Contains("Training", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Rowing club", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Going", items[0].QuerySelector("[data-testid=upcoming-answer]")!.TextContent);
        Assert.Equal("teams/t-2/calendar?event=e-3", items[0].GetAttribute("href"));
        Assert.Contains("Concert", items[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Not answered", items[1].QuerySelector("[data-testid=upcoming-answer]")!.TextContent);
        // Two weeks ahead from now, asked of each team.
        var asked = Api.To(HttpMethod.Get, "/api/teams/t-1/events").Single().RequestUri!.Query;
        Assert.Contains("from=", asked, StringComparison.Ordinal);
        Assert.Contains("to=", asked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventNotificationReloadsOnlyTheTeamItIsAbout()
    {
        await SignInAsync(Alice);
        var now = DateTimeOffset.UtcNow;
        var concert = UpcomingEvent("e-1", "t-1", "Concert", now.AddDays(3), myRsvp: null);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice)
            .Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[]
            {
                new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 1, Earlier),
                new TeamDto("t-2", "Rowing club", "", TeamRoles.Member, 3, Earlier),
            })
            .Answer(HttpMethod.Get, "/api/teams/t-1/events", HttpStatusCode.OK, new[] { concert })
            .Answer(HttpMethod.Get, "/api/teams/t-2/events", HttpStatusCode.OK, new[] { UpcomingEvent("e-3", "t-2", "Training", now.AddDays(1), EventRules.RsvpGoing) });
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=upcoming-event]").Count));

        var sectional = UpcomingEvent("e-4", "t-1", "Sectional", now.AddDays(2), myRsvp: null);
        Api.Answer(HttpMethod.Get, "/api/teams/t-1/events", HttpStatusCode.OK, new[] { concert, sectional });
        await Realtime.PushAsync(Notification(1, NotificationTypes.EventCreated, new { @event = sectional }, teamId: "t-1"));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=upcoming-event]").Count));
        var titles = page.FindAll("[data-testid=upcoming-event] .title").Select(title => title.TextContent).ToList();
        Assert.Equal(["Training", "Sectional", "Concert"], titles);
        Assert.Equal(2, Api.To(HttpMethod.Get, "/api/teams/t-1/events").Count);
        Assert.Single(Api.To(HttpMethod.Get, "/api/teams/t-2/events"));
    }

    [Fact]
    public async Task ANewUserIsOfferedToCreateTheFirstTeamRightInTheEmptyList()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice);

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-upcoming-events]")));
        page.Find("[data-testid=no-teams] [data-testid=create-first-team]").Click();
        Assert.NotNull(page.Find("#teamName"));
    }

    static EventDto UpcomingEvent(string id, string teamId, string title, DateTimeOffset startsAt, string? myRsvp) =>
        new(id, teamId, title, "", "", startsAt, null, new UserDto("u-9", "zoe", "Zoe"), false, new RsvpCountsDto(1, 0, 0), myRsvp);

    [Fact]
    public async Task RevokedTokenEndsTheSessionAndSendsToLogin()
    {
        await SignInAsync(Alice);
        Api.AnswerProblem(HttpMethod.Get, "/api/me", HttpStatusCode.Unauthorized, "The token was revoked.");

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Equal("/login", CurrentPath));
        Assert.False(Session.IsSignedIn);
        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "localStorage.removeItem");
    }
}
