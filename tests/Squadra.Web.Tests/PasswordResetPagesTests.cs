using System.Net;
using Squadra.Contracts.Accounts;

namespace Squadra.Web.Tests;

/// <summary>Forgot password, the emailed link's page, and the login page's way to both.</summary>
public sealed class PasswordResetPagesTests : SquadraTestContext
{
    [Fact]
    public void AskingForALinkSaysTheSameWhateverTheServerKnows()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/password-reset", HttpStatusCode.Accepted);
        var page = Render<ForgotPassword>();

        page.Find("#login").Change("  alice@example.org ");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("If “alice@example.org” is the username or email address of an account",
            page.Find("[data-testid=form-notice]").TextContent, StringComparison.Ordinal));
        Assert.Contains("\"login\":\"alice@example.org\"", Api.BodyOf(Assert.Single(Api.To(HttpMethod.Post, "/api/auth/password-reset"))),
            StringComparison.Ordinal);
        Assert.Empty(page.FindAll("form"));
    }

    [Fact]
    public void AnEmptyLoginAsksForOneAndCallsNoApi()
    {
        var page = Render<ForgotPassword>();

        page.Find("form").Submit();

        Assert.Equal("Enter your username or email address.", page.Find(".validation-message").TextContent);
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public void TooManyRequestsShowTheServersDetail()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/password-reset", HttpStatusCode.TooManyRequests, "Too many password resets; try later.");
        var page = Render<ForgotPassword>();

        page.Find("#login").Change("alice");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Too many password resets; try later.", page.Find("[data-testid=form-error]").TextContent));
    }

    [Fact]
    public async Task TheLinksPageSendsItsTokenWithTheNewPasswordThenSignsOutAndGoesToLogin()
    {
        await Session.SignInAsync(new LoginResponse("old-token", DateTimeOffset.UtcNow.AddHours(1), Alice));
        Api.Answer(HttpMethod.Post, "/api/auth/password-reset/confirm", HttpStatusCode.NoContent);
        Navigation.NavigateTo("reset-password#token=the-token");
        var page = Render<ResetPassword>();

        page.Find("#newPassword").Change("a new long password");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("/login", CurrentPath));
        Assert.Equal("?reset=done", new Uri(Navigation.Uri).Query);
        var body = Api.BodyOf(Assert.Single(Api.To(HttpMethod.Post, "/api/auth/password-reset/confirm")));
        Assert.Contains("\"token\":\"the-token\"", body, StringComparison.Ordinal);
        Assert.Contains("\"newPassword\":\"a new long password\"", body, StringComparison.Ordinal);
        Assert.False(Session.IsSignedIn);
    }

    [Fact]
    public void ASpentOrExpiredLinkSaysSoAndLeadsToANewOne()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/password-reset/confirm", HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            new() { ["token"] = ["This link is not valid any more."] });
        Navigation.NavigateTo("reset-password#token=spent");
        var page = Render<ResetPassword>();

        page.Find("#newPassword").Change("a new long password");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("This link is not valid any more.", page.Find("[data-testid=form-error]").TextContent));
        Assert.Equal("forgot-password", page.Find("[data-testid=ask-again]").GetAttribute("href"));
        Assert.Equal("/reset-password", CurrentPath);
    }

    [Fact]
    public void AWeakPasswordIsRefusedBeforeAnyCall()
    {
        Navigation.NavigateTo("reset-password#token=the-token");
        var page = Render<ResetPassword>();

        page.Find("#newPassword").Change("short");
        page.Find("form").Submit();

        Assert.StartsWith("New password must be", page.Find(".validation-message").TextContent, StringComparison.Ordinal);
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public void WithoutALinksTokenThePageOffersToAskForOne()
    {
        Navigation.NavigateTo("reset-password");
        var page = Render<ResetPassword>();

        Assert.Empty(page.FindAll("form"));
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "forgot-password");
    }

    [Fact]
    public void TheLoginPageLeadsToTheForgotPasswordPageAndConfirmsAReset()
    {
        Navigation.NavigateTo("login?reset=done");
        var page = Render<Login>();

        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "forgot-password");
        Assert.Equal("Your password is changed. Log in with the new one.", page.Find("[data-testid=form-notice]").TextContent);
    }
}
