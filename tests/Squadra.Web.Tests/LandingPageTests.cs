namespace Squadra.Web.Tests;

public sealed class LandingPageTests : SquadraTestContext
{
    [Fact]
    public void ASignedOutVisitorAtHomeMeetsWhatSquadraIsAndStaysThere()
    {
        var page = Render<Home>();

        var landing = page.Find("[data-testid=landing]");
        Assert.NotNull(landing.QuerySelector("h1"));
        foreach (var feature in new[] { "chat", "RSVP", "every device", "own server" })
            Assert.Contains(feature, landing.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("register", page.Find("[data-testid=landing-sign-up]").GetAttribute("href"));
        Assert.Equal("login", page.Find("[data-testid=landing-log-in]").GetAttribute("href"));
        Assert.Empty(Navigation.History);
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public async Task ASignedInUserAtHomeSeesTheirHomeNotTheLanding()
    {
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", System.Net.HttpStatusCode.OK, Array.Empty<object>())
            .AnswerAlways(HttpMethod.Get, "/api/me", System.Net.HttpStatusCode.OK, Alice);
        await SignInAsync(Alice);

        var page = Render<Home>();

        Assert.Empty(page.FindAll("[data-testid=landing]"));
        Assert.Equal("/", CurrentPath);
    }
}
