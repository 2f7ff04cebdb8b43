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
}
