using System.Net;
using Squadra.Contracts.Teams;
using Squadra.Web.Pages;

namespace Squadra.Web.Tests;

public sealed class HomePageTests : SquadraTestContext
{
    [Fact]
    public void SignedOutVisitorIsSentToLogin()
    {
        Render<Home>();

        Assert.Equal("/login", CurrentPath);
        Assert.Empty(Api.Requests);
    }

    public HomePageTests() => Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<object>());

    [Fact]
    public async Task ShowsWhoIsSignedInAndWhichReplicaAnswered()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice, servedBy: "api-2");

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Equal("api-2", page.Find("[data-testid=served-by]").TextContent));
        Assert.Contains("alice", page.Find("[data-testid=current-user]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Alice Liddell", page.Find("[data-testid=current-user]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Bearer token-alice", Api.To(HttpMethod.Get, "/api/me").Single().Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task RefreshAsksAgainAndShowsTheNewReplica()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice, servedBy: "api-1")
            .Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice, servedBy: "api-2");
        var page = Render<Home>();
        page.WaitForAssertion(() => Assert.Equal("api-1", page.Find("[data-testid=served-by]").TextContent));

        page.Find("[data-testid=refresh]").Click();

        page.WaitForAssertion(() => Assert.Equal("api-2", page.Find("[data-testid=served-by]").TextContent));
        Assert.Equal(2, Api.To(HttpMethod.Get, "/api/me").Count);
    }

    [Fact]
    public async Task ListsTheUsersTeamsBelowTheCard()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, Alice)
            .Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[] { new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 1, DateTimeOffset.UtcNow) });

        var page = Render<Home>();

        page.WaitForAssertion(() => Assert.Contains("Choir", page.Find("[data-testid=team-item]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid=create-team]"));
    }

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
