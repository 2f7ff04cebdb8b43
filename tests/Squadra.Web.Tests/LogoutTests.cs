using System.Net;

namespace Squadra.Web.Tests;

public sealed class LogoutTests : SquadraTestContext
{
    [Fact]
    public async Task TheTopBarLogoutButtonLeadsToTheLogoutPage()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/invitations", HttpStatusCode.OK, Array.Empty<object>());
        var bar = Render<TopBar>();

        bar.Find("[data-testid=logout]").Click();

        Assert.Equal("/logout", CurrentPath);
    }

    [Fact]
    public async Task LoggingOutRevokesTheTokenEndsTheSessionAndGoesToLogin()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, "/api/auth/logout", HttpStatusCode.NoContent);

        var page = Render<Logout>();

        page.WaitForAssertion(() => Assert.Equal("/login", CurrentPath));
        Assert.Equal("Bearer token-alice", Api.To(HttpMethod.Post, "/api/auth/logout").Single().Headers.Authorization!.ToString());
        Assert.False(Session.IsSignedIn);
    }

    [Fact]
    public async Task LoggingOutEndsTheSessionEvenWhenTheServerCannotBeReached()
    {
        await SignInAsync(Alice);
        Api.AnswerLater(HttpMethod.Post, "/api/auth/logout", () => throw new HttpRequestException("offline"));

        var page = Render<Logout>();

        page.WaitForAssertion(() => Assert.Equal("/login", CurrentPath));
        Assert.False(Session.IsSignedIn);
    }
}
