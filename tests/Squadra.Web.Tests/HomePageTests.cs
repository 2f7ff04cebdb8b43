using System.Net;
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
