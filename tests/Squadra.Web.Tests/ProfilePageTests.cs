using System.Net;
using Squadra.Contracts.Accounts;

namespace Squadra.Web.Tests;

public sealed class ProfilePageTests : SquadraTestContext
{
    static readonly AccountDto s_alice = new(Alice.Id, Alice.Username, Alice.DisplayName, "alice@example.org");

    // The page's "Outside Squadra" panel loads its own; NotificationPreferencesPanelTests test it.
    public ProfilePageTests() =>
        Api.AnswerAlways(HttpMethod.Get, "/api/me/notification-preferences", HttpStatusCode.OK, NotificationPreferencesPanelTests.Defaults);

    [Fact]
    public async Task TheFormShowsTheAccountAndSavingANewNameShowsItWhereverTheUserIsShown()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, s_alice)
            .Answer(HttpMethod.Patch, "/api/me", HttpStatusCode.OK, s_alice with { DisplayName = "Alice L.", Email = null });
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => Assert.Equal("alice@example.org", page.Find("#email").GetAttribute("value")));

        page.Find("#displayName").Change("Alice L.");
        page.Find("#email").Change("");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=form-notice]").TextContent));
        Assert.Equal("""{"displayName":"Alice L.","email":""}""", Api.BodyOf(Api.To(HttpMethod.Patch, "/api/me").Single()));
        Assert.Equal("Alice L.", Session.User?.DisplayName);
    }

    [Fact]
    public async Task ATakenAddressAndAServerFieldErrorAreShown()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, s_alice)
            .AnswerProblem(HttpMethod.Patch, "/api/me", HttpStatusCode.Conflict, "The address 'bob@example.org' belongs to another account.");
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => page.Find("#email"));

        page.Find("#email").Change("bob@example.org");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("belongs to another account", page.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(Alice.DisplayName, Session.User?.DisplayName);
    }

    [Fact]
    public async Task AnAddressThatIsNoAddressIsRefusedBeforeAnythingIsSent()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, s_alice);
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => page.Find("#email"));

        page.Find("#email").Change("alice at home");
        page.Find("form").Submit();

        Assert.Equal("Email must be an address like name@example.org.", MessageBeside(page, "#email"));
        Assert.Empty(Api.To(HttpMethod.Patch, "/api/me"));
    }

    [Fact]
    public async Task ChangingThePasswordSaysTheOtherDevicesAreSignedOutAndEmptiesTheBoxes()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, s_alice)
            .Answer(HttpMethod.Post, "/api/me/password", HttpStatusCode.NoContent);
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => page.Find("#currentPassword"));

        page.Find("#currentPassword").Change("correct horse");
        page.Find("#newPassword").Change("a brand new secret");
        page.FindAll("form")[1].Submit();

        page.WaitForAssertion(() => Assert.Contains("other devices are signed out", page.Find("[data-testid=form-notice]").TextContent, StringComparison.Ordinal));
        Assert.Equal("""{"currentPassword":"correct horse","newPassword":"a brand new secret"}""", Api.BodyOf(Api.To(HttpMethod.Post, "/api/me/password").Single()));
        Assert.True(string.IsNullOrEmpty(page.Find("#currentPassword").GetAttribute("value")));
        Assert.True(Session.IsSignedIn);
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsSaidBesideIt()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me", HttpStatusCode.OK, s_alice)
            .AnswerProblem(HttpMethod.Post, "/api/me/password", HttpStatusCode.BadRequest, "One or more validation errors occurred.",
                new() { ["currentPassword"] = ["The current password is not right."] });
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => page.Find("#currentPassword"));

        page.Find("#currentPassword").Change("not it");
        page.Find("#newPassword").Change("a brand new secret");
        page.FindAll("form")[1].Submit();

        page.WaitForAssertion(() => Assert.Equal("The current password is not right.", MessageBeside(page, "#currentPassword")));
    }

    static string? MessageBeside(IRenderedComponent<ProfilePage> page, string inputSelector) =>
        page.Find(inputSelector).Closest(".field")!.QuerySelector(".validation-message")?.TextContent;
}
