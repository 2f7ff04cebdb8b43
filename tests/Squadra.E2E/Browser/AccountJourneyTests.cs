using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class AccountJourneyTests(RunningStack stack) : BrowserJourney(stack)
{
    [Fact]
    public async Task APersonRegistersLogsInThroughTheGatewayAndSeesTheHomePage()
    {
        var username = $"pw_{Guid.NewGuid():N}"[..16];
        const string password = Password;
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/register");
        await page.FillAsync("#username", username);
        await page.FillAsync("#displayName", "Playwright Person");
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");

        var currentUser = page.Locator("[data-testid=current-user]");
        await Assertions.Expect(currentUser).ToContainTextAsync(username, new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Answered by")).ToHaveCountAsync(0); // no replica internals for users

        // The session survives a reload.
        await page.ReloadAsync();
        await Assertions.Expect(currentUser).ToContainTextAsync(username, new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });

        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
    }
}
