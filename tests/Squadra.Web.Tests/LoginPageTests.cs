using System.Net;
using Squadra.Contracts.Accounts;

namespace Squadra.Web.Tests;

public sealed class LoginPageTests : SquadraTestContext
{
    [Fact]
    public void TooShortUsernameShowsTheRuleAndCallsNoApi()
    {
        var page = Render<Login>();

        page.Find("#username").Change("ab");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        Assert.Contains(AccountRules.UsernameError("ab")!, page.Find(".validation-message").TextContent, StringComparison.Ordinal);
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public void WrongCredentialsShowTheServersDetailAndStaySignedOut()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/login", HttpStatusCode.Unauthorized, "Wrong username or password.");
        var page = Render<Login>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("not-her-password");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Wrong username or password.", page.Find("[data-testid=form-error]").TextContent));
        Assert.False(Session.IsSignedIn);
        Assert.Empty(Navigation.History);
    }

    [Fact]
    public void TooManyAttemptsShowTheServersDetail()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/login", HttpStatusCode.TooManyRequests, "Too many attempts; wait a minute.");
        var page = Render<Login>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("whatever-it-is");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Too many attempts; wait a minute.", page.Find("[data-testid=form-error]").TextContent));
    }

    [Fact]
    public void SuccessfulLoginKeepsTheSessionAndGoesHome()
    {
        var login = new LoginResponse("token-1", DateTimeOffset.UtcNow.AddHours(1), Alice);
        Api.Answer(HttpMethod.Post, "/api/auth/login", HttpStatusCode.OK, login);
        Navigation.NavigateTo("login");
        var page = Render<Login>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("correct horse");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("/", CurrentPath));
        Assert.Equal(Alice, Session.User);
        Assert.Equal("token-1", Session.AccessToken);
        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "localStorage.setItem");
    }

    [Fact]
    public void SubmitButtonIsDisabledWhileTheRequestRuns()
    {
        var answer = new TaskCompletionSource<HttpResponseMessage>();
        Api.AnswerLater(HttpMethod.Post, "/api/auth/login", () => answer.Task);
        var page = Render<Login>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("correct horse");
        page.Find("form").Submit();

        Assert.True(page.Find("button[type=submit]").HasAttribute("disabled"));

        answer.SetResult(FakeApi.Response(HttpStatusCode.Unauthorized, new { detail = "Wrong username or password." }));
        page.WaitForAssertion(() => Assert.False(page.Find("button[type=submit]").HasAttribute("disabled")));
    }

    [Fact]
    public void ArrivingFromRegisterFillsInTheUsernameAndSaysTheAccountIsReady()
    {
        Navigation.NavigateTo("login?registered=alice");

        var page = Render<Login>();

        Assert.Equal("alice", page.Find("#username").GetAttribute("value"));
        Assert.NotNull(page.Find("[data-testid=form-notice]"));
    }

    // Issue 22: a message that went away on blur moved the button under the pointer between press and release.
    [Fact]
    public void LeavingAFieldNeitherAddsNorRemovesAMessage()
    {
        var page = Render<Login>();

        page.Find("#username").Change("ab");

        Assert.Empty(page.FindAll(".validation-message"));
    }

    [Fact]
    public void AMessageFollowsTheTypingOnceShownAndGoesWhenTheFieldIsRight()
    {
        var page = Render<Login>();
        page.Find("form").Submit();
        Assert.Equal(2, page.FindAll(".validation-message").Count);

        page.Find("#username").Input("al");
        Assert.Equal(AccountRules.UsernameError("al"), MessageBeside(page, "#username"));

        page.Find("#username").Input("alice");
        page.Find("#password").Input("correct horse");

        Assert.Empty(page.FindAll(".validation-message"));
    }

    [Fact]
    public void WrongCredentialsGoWhenTheUserEditsThem()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/login", HttpStatusCode.Unauthorized, "Wrong username or password.");
        var page = Render<Login>();
        page.Find("#username").Change("alice");
        page.Find("#password").Change("not-her-password");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=form-error]")));

        page.Find("#password").Input("correct horse");

        Assert.Empty(page.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public void ALoginGoesToThePageThatAskedForIt()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/login", HttpStatusCode.OK, new LoginResponse("token-1", DateTimeOffset.UtcNow.AddHours(1), Alice));
        Navigation.NavigateTo("login?returnUrl=%2Fteams%2Ft-1%2Fcalendar%3Fweek%3D2");
        var page = Render<Login>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("correct horse");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/teams/t-1/calendar?week=2", Navigation.Uri));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/teams")]
    [InlineData("/\\evil.example/teams")]
    [InlineData("\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://localhost/teams")]
    [InlineData("teams")]
    public void AReturnUrlThatIsNotALocalPathIsRefused(string returnUrl)
    {
        Api.Answer(HttpMethod.Post, "/api/auth/login", HttpStatusCode.OK, new LoginResponse("token-1", DateTimeOffset.UtcNow.AddHours(1), Alice));
        Navigation.NavigateTo("login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var page = Render<Login>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("correct horse");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.True(Session.IsSignedIn));
        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Fact]
    public void CreatingAnAccountInsteadKeepsThePageThatWasAsked()
    {
        Navigation.NavigateTo("login?returnUrl=%2Finvitations");

        var page = Render<Login>();

        Assert.Equal("register?returnUrl=%2Finvitations", page.Find("footer a").GetAttribute("href"));
    }

    [Fact]
    public void ThePasswordCanBeShownAndHiddenAgain()
    {
        var page = Render<Login>();
        var toggle = page.Find("button[aria-controls=password]");
        Assert.Equal("Show password", toggle.GetAttribute("aria-label"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        Assert.Equal("password", page.Find("#password").GetAttribute("type"));

        page.Find("button[aria-controls=password]").Click();

        Assert.Equal("true", page.Find("button[aria-controls=password]").GetAttribute("aria-pressed"));
        Assert.Equal("text", page.Find("#password").GetAttribute("type"));

        page.Find("button[aria-controls=password]").Click();

        Assert.Equal("false", page.Find("button[aria-controls=password]").GetAttribute("aria-pressed"));
        Assert.Equal("password", page.Find("#password").GetAttribute("type"));
    }

    static string? MessageBeside(IRenderedComponent<Login> page, string inputSelector) =>
        page.Find(inputSelector).Closest(".field")!.QuerySelector(".validation-message")?.TextContent;
}
