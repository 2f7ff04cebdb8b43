using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 21, the profile: a person opens it from their name in the top bar, renames themselves (the top bar follows)
/// chooses what reaches them by email, and changes their password, which signs out their other device; the new password
/// logs in. At a laptop's size and a phone's; the pictures go to artifacts/screens/ (profile-*, notification-preferences-*),
/// checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ProfileJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    const string NewPassword = "a brand new secret";

    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task APersonRenamesThemselvesAndChangesTheirPasswordWhichSignsOutTheirOtherDevice(string device, int width, int height)
    {
        using var client = Stack.Client();
        var person = await RunningStack.SignUpAsync(client, "Dana Weiss", "dana.");
        await using var laptop = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(laptop);
        await using var otherDevice = await NewContextAsync();
        var page = await LogInAsync(laptop, person.User.Username);
        var otherPage = await LogInAsync(otherDevice, person.User.Username);

        await page.Locator("[data-testid=nav-profile]").ClickAsync();
        await Assertions.Expect(page.Locator("#displayName")).ToHaveValueAsync("Dana Weiss", new() { Timeout = Patience });
        await page.FillAsync("#displayName", "Dana W.");
        await page.FillAsync("#email", $"dana.{Guid.NewGuid():N}@example.org");
        await page.Locator("[data-testid=save-profile]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-notice]")).ToHaveTextAsync("Saved.", new() { Timeout = Patience });
        // Below a phone's width the top bar shows the avatar alone: its initials follow the name.
        await Assertions.Expect(page.Locator("[data-testid=nav-profile]")).ToHaveAttributeAsync("title", $"Your profile (@{person.User.Username})");
        if (width >= 500)
        {
            await Assertions.Expect(page.Locator("[data-testid=nav-profile]")).ToContainTextAsync("Dana W.");
        }

        await page.Locator("#profile-title").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"profile-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));

        // What reaches them outside the tab: each box saves as it is clicked, and a reload shows what the server kept.
        await page.Locator("#reach-title").ScrollIntoViewIfNeededAsync();
        await page.Locator("#email-events").CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=notification-preferences] ~ .saved")).ToHaveTextAsync("Saved.", new() { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"notification-preferences-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#email-events")).ToBeCheckedAsync(new() { Timeout = Patience });

        await page.FillAsync("#currentPassword", Password);
        await page.FillAsync("#newPassword", NewPassword);
        await page.Locator("[data-testid=change-password]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-notice]")).ToContainTextAsync("other devices are signed out", new() { Timeout = Patience });

        // The other device's session is over: its next request is refused and it is sent to log in.
        await otherPage.GotoAsync("/teams");
        await otherPage.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new() { Timeout = Patience });
        await otherPage.FillAsync("#username", person.User.Username);
        await otherPage.FillAsync("#password", NewPassword);
        await otherPage.ClickAsync("button[type=submit]");
        await Assertions.Expect(otherPage.Locator("[data-testid=nav-profile]")).ToContainTextAsync("Dana W.", new() { Timeout = Patience });
    }
}
