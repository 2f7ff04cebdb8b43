using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Contracts.Accounts;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 21, a forgotten password: "Forgot your password?" under Log in, the email through ./run.sh's own mail catcher
/// (read through its API, as a person reads their inbox), the link's page, and a login with the new password. At a
/// laptop's size and a phone's; pictures in artifacts/screens/ (forgot-password-*, reset-password-*), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class ForgotPasswordJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    const string NewPassword = "a password I will remember";

    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task APersonWhoForgotTheirPasswordSetsANewOneThroughTheEmailedLink(string device, int width, int height)
    {
        using var client = Stack.Client();
        var person = await RunningStack.SignUpAsync(client, "Erin Falk", "erin.");
        var address = $"erin.{Guid.NewGuid():N}@example.org";
        await ApiCalls.As(client, person).UpdateMeAsync(new UpdateAccountRequest(Email: address)).ValueOrThrowAsync();
        using var mail = new MailCatcherApi(Stack.MailApi);
        await using var context = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.FillAsync("#login", address.ToUpperInvariant());
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=form-notice]")).ToContainTextAsync("a link is on its way", new() { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"forgot-password-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));

        var text = await mail.WaitForTextToAsync(address, TimeSpan.FromSeconds(30));
        Assert.Contains("Hello Erin Falk,", text, StringComparison.Ordinal);
        var link = ResetLink().Match(text).Value;
        Assert.StartsWith(Stack.Gateway.ToString().TrimEnd('/'), link, StringComparison.Ordinal);

        await page.GotoAsync(link);
        await page.FillAsync("#newPassword", NewPassword);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"reset-password-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=form-notice]")).ToHaveTextAsync("Your password is changed. Log in with the new one.");
        await page.FillAsync("#username", person.User.Username);
        await page.FillAsync("#password", NewPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(person.User.Username, new() { Timeout = Patience });

        // The link worked once.
        await page.GotoAsync(link);
        await page.FillAsync("#newPassword", "yet another password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=form-error]")).ToContainTextAsync("not valid any more", new() { Timeout = Patience });
    }

    [GeneratedRegex(@"https?://\S+/reset-password#token=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();
}
