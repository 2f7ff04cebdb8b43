using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class AccountJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task APersonSignsUpFromTheLandingPageIsInAtOnceAndKeepsTheSession()
    {
        var username = NewUsername();
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.Locator("[data-testid=landing-sign-up]").ClickAsync(new() { Timeout = Patience });
        await page.FillAsync("#username", username);
        await page.FillAsync("#displayName", "Playwright Person");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        // Signed in by the sign-up itself: no second trip through the login page.
        var currentUser = page.Locator("[data-testid=current-user]");
        await Assertions.Expect(currentUser).ToContainTextAsync(username, new() { Timeout = Patience });
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByText("Answered by")).ToHaveCountAsync(0); // no replica internals for users

        // The session survives a reload.
        await page.ReloadAsync();
        await Assertions.Expect(currentUser).ToContainTextAsync(username, new() { Timeout = Patience });

        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new() { Timeout = Patience });
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(currentUser).ToContainTextAsync(username, new() { Timeout = Patience });
    }

    // Issue 22: after a validation error, the message beside the last field went away on blur, which the press on
    // the button causes: the button moved ~25 px up under the pointer and the release landed below it.
    [Fact]
    public async Task AfterAValidationErrorAClickOnTheLowerEdgeOfTheButtonLogsIn()
    {
        using var client = Stack.Client();
        var person = await RunningStack.SignUpAsync(client, "Edge Clicker");
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await page.FillAsync("#username", person.User.Username);
        await page.FillAsync("#password", Password);
        await ClickNearTheBottomEdgeAsync(page.Locator("button[type=submit]"));

        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(person.User.Username, new() { Timeout = Patience });
    }

    [Fact]
    public async Task AfterAValidationErrorAClickOnTheLowerEdgeOfTheButtonSignsUp()
    {
        var username = NewUsername();
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/register");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveCountAsync(2, new() { Timeout = Patience });
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await ClickNearTheBottomEdgeAsync(page.Locator("button[type=submit]"));

        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(username, new() { Timeout = Patience });
    }

    [Fact]
    public async Task ADeepLinkOpenedWhileLoggedOutOpensAfterLogin()
    {
        using var client = Stack.Client();
        var owner = await RunningStack.SignUpAsync(client, "Deep Owner");
        var member = await RunningStack.SignUpAsync(client, "Deep Member");
        var team = await ApiCalls.TeamOfTwoAsync(client, owner, member, "Deep links");
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/teams/{team.Id}/calendar");
        await page.WaitForURLAsync(url => url.Contains("/login?returnUrl=", StringComparison.Ordinal), new() { Timeout = Patience });
        await page.FillAsync("#username", member.User.Username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/teams/{team.Id}/calendar", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByText("Deep links").First).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    [Fact]
    public async Task ADeepLinkOpenedByANewcomerOpensAfterSigningUp()
    {
        var username = NewUsername();
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/invitations");
        await page.WaitForURLAsync(url => url.Contains("/login?returnUrl=", StringComparison.Ordinal), new() { Timeout = Patience });
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/invitations", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invitations" })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=logout]")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("//example.com/")]
    public async Task AReturnUrlToAnotherSiteIsRefused(string returnUrl)
    {
        using var client = Stack.Client();
        var person = await RunningStack.SignUpAsync(client, "Not Redirected");
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("#username", person.User.Username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(person.User.Username, new() { Timeout = Patience });
        Assert.Equal(new Uri(Stack.Gateway, "/"), new Uri(page.Url));
    }

    private static string NewUsername() => $"pw_{Guid.NewGuid():N}"[..16];

    // Where a hurried person clicks: the lower edge, 3 px above the button's border.
    private static async Task ClickNearTheBottomEdgeAsync(ILocator button)
    {
        var box = await button.BoundingBoxAsync() ?? throw new InvalidOperationException("The button is not on screen.");
        await button.ClickAsync(new() { Position = new Position { X = box.Width / 2, Y = box.Height - 3 } });
    }
}
