using System.Net;
using Squadra.Contracts.Accounts;

namespace Squadra.Web.Tests;

public sealed class RegisterPageTests : SquadraTestContext
{
    [Fact]
    public void ServerFieldErrorsAppearBesideTheirFields()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/register", HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            new() { ["username"] = ["Username is reserved."], ["displayName"] = ["Display name is not allowed."] });
        var page = Render<Register>();

        page.Find("#username").Change("admin");
        page.Find("#displayName").Change("Root");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Username is reserved.", MessageBeside(page, "#username"));
            Assert.Equal("Display name is not allowed.", MessageBeside(page, "#displayName"));
        });
        Assert.Empty(page.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public void EditingAFieldClearsTheServersMessageAboutIt()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/register", HttpStatusCode.BadRequest, "Invalid.",
            new() { ["username"] = ["Username is reserved."] });
        var page = Render<Register>();
        page.Find("#username").Change("admin");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal("Username is reserved.", MessageBeside(page, "#username")));

        page.Find("#username").Change("alice");

        Assert.Null(MessageBeside(page, "#username"));
    }

    [Fact]
    public void TakenUsernameShowsTheServersDetail()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Conflict, "That username is taken.");
        var page = Render<Register>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("That username is taken.", page.Find("[data-testid=form-error]").TextContent));
    }

    [Fact]
    public void ATakenUsernameGoesWhenTheUsernameIsEditedNotBefore()
    {
        Api.AnswerProblem(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Conflict, "That username is taken.");
        var page = Render<Register>();
        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=form-error]")));

        page.Find("#displayName").Input("Alice");
        Assert.NotNull(page.Find("[data-testid=form-error]"));

        page.Find("#username").Input("alice2");
        Assert.Empty(page.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public void ANewAccountIsSignedInAndGoesHome()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Created, Alice)
            .Answer(HttpMethod.Post, "/api/auth/login", HttpStatusCode.OK, new LoginResponse("token-1", DateTimeOffset.UtcNow.AddHours(1), Alice));
        var page = Render<Register>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/", Navigation.Uri));
        Assert.Equal(Alice, Session.User);
        Assert.Contains("\"password\":\"long enough\"", Api.BodyOf(Api.To(HttpMethod.Post, "/api/auth/login").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public void ANewAccountGoesToThePageThatAskedForIt()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Created, Alice)
            .Answer(HttpMethod.Post, "/api/auth/login", HttpStatusCode.OK, new LoginResponse("token-1", DateTimeOffset.UtcNow.AddHours(1), Alice));
        Navigation.NavigateTo("register?returnUrl=%2Finvitations");
        var page = Render<Register>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/invitations", Navigation.Uri));
    }

    [Fact]
    public void ANewAccountIsNeverSentToAnotherSite()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Created, Alice)
            .Answer(HttpMethod.Post, "/api/auth/login", HttpStatusCode.OK, new LoginResponse("token-1", DateTimeOffset.UtcNow.AddHours(1), Alice));
        Navigation.NavigateTo("register?returnUrl=" + Uri.EscapeDataString("https://evil.example/"));
        var page = Render<Register>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.True(Session.IsSignedIn));
        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    // The account exists: if signing in right after fails (the login limit, a restart), logging in by hand still works.
    [Fact]
    public void WhenTheFirstLoginFailsTheNewAccountIsSentToLogInWithItsUsername()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Created, Alice)
            .AnswerProblem(HttpMethod.Post, "/api/auth/login", HttpStatusCode.TooManyRequests, "Too many attempts; wait a minute.");
        Navigation.NavigateTo("register?returnUrl=%2Finvitations");
        var page = Render<Register>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/login?registered=alice&returnUrl=%2Finvitations", Navigation.Uri));
        Assert.False(Session.IsSignedIn);
    }

    [Fact]
    public void ThePasswordCanBeShown()
    {
        var page = Render<Register>();

        page.Find("button[aria-controls=password]").Click();

        Assert.Equal("true", page.Find("button[aria-controls=password]").GetAttribute("aria-pressed"));
        Assert.Equal("text", page.Find("#password").GetAttribute("type"));
    }

    static string? MessageBeside(IRenderedComponent<Register> page, string inputSelector) =>
        page.Find(inputSelector).Closest(".field")!.QuerySelector(".validation-message")?.TextContent;

    [Fact]
    public void AnOptionalEmailAddressIsSentAndAMalformedOneRefusedBeforeAnyCall()
    {
        var page = Render<Register>();
        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("#email").Change("not an address");
        page.Find("form").Submit();
        Assert.Equal(AccountRules.EmailError("not an address"), MessageBeside(page, "#email"));
        Assert.Empty(Api.Requests);

        Api.Answer(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Created, Alice)
            .AnswerProblem(HttpMethod.Post, "/api/auth/login", HttpStatusCode.Unauthorized, "Try again.");
        page.Find("#email").Change(" alice@example.org ");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("\"email\":\"alice@example.org\"",
            Api.BodyOf(Assert.Single(Api.To(HttpMethod.Post, "/api/auth/register"))), StringComparison.Ordinal));
    }

    [Fact]
    public void AnAddressAnotherAccountHasGoesWhenTheAddressIsEdited()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Conflict,
            new { status = 409, title = "Email taken", detail = "The address 'alice@example.org' belongs to another account." });
        var page = Render<Register>();
        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("#email").Change("alice@example.org");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=form-error]")));

        page.Find("#username").Change("alice2");
        Assert.NotEmpty(page.FindAll("[data-testid=form-error]"));
        page.Find("#email").Change("alice2@example.org");

        Assert.Empty(page.FindAll("[data-testid=form-error]"));
    }
}
