using System.Net;

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
    public void ANewAccountIsSentToLogInWithItsUsernameFilledIn()
    {
        Api.Answer(HttpMethod.Post, "/api/auth/register", HttpStatusCode.Created, Alice);
        var page = Render<Register>();

        page.Find("#username").Change("alice");
        page.Find("#password").Change("long enough");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/login?registered=alice", Navigation.Uri));
        Assert.False(Session.IsSignedIn);
    }

    static string? MessageBeside(IRenderedComponent<Register> page, string inputSelector) =>
        page.Find(inputSelector).ParentElement!.QuerySelector(".validation-message")?.TextContent;
}
