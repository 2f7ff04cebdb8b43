using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 21, the profile, on a person's phone and laptop: on the phone they open it from their avatar in the top bar,
/// rename themselves, choose what reaches them by email, and change their password, which signs out the laptop; there
/// the new password logs in, the top bar showing the new name, and on the laptop's profile they put their full name
/// back (the top bar follows) and change their mind about the email. The pictures go to artifacts/screens/ (profile-*,
/// notification-preferences-*, each from the device of its size), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ProfileJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    const string NewPassword = "a brand new secret";

    [Fact]
    public async Task APersonRenamesThemselvesAndChangesTheirPasswordWhichSignsOutTheirOtherDevice()
    {
        using var client = Stack.Client();
        var person = await RunningStack.SignUpAsync(client, "Dana Weiss", "dana.");
        await using var phoneContext = await NewContextAsync(390, 844);
        await using var laptopContext = await NewContextAsync(1280, 800);
        await Screens.AddAxeAsync(phoneContext);
        await Screens.AddAxeAsync(laptopContext);
        var phone = await LogInAsync(phoneContext, person.User.Username);
        var laptop = await LogInAsync(laptopContext, person.User.Username);

        await phone.Locator("[data-testid=nav-profile]").ClickAsync();
        await Assertions.Expect(phone.Locator("#displayName")).ToHaveValueAsync("Dana Weiss", new() { Timeout = Patience });
        await phone.FillAsync("#displayName", "Dana W.");
        await phone.FillAsync("#email", $"dana.{Guid.NewGuid():N}@example.org");
        await phone.Locator("[data-testid=save-profile]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=form-notice]")).ToHaveTextAsync("Saved.", new() { Timeout = Patience });
        // Below a phone's width the top bar shows the avatar alone: its initials follow the name (the name itself, on the laptop below).
        await Assertions.Expect(phone.Locator("[data-testid=nav-profile]")).ToHaveAttributeAsync("title", $"Your profile (@{person.User.Username})");

        await phone.Locator("#profile-title").ScrollIntoViewIfNeededAsync();
        await Screens.PhotographAndAuditAsync(phone, "profile-phone");

        // What reaches them outside the tab: each box saves as it is clicked, and a reload shows what the server kept.
        await phone.Locator("#reach-title").ScrollIntoViewIfNeededAsync();
        await phone.Locator("#email-events").CheckAsync();
        await Assertions.Expect(phone.Locator("[data-testid=notification-preferences] ~ .saved")).ToHaveTextAsync("Saved.", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(phone, "notification-preferences-phone");
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator("#email-events")).ToBeCheckedAsync(new() { Timeout = Patience });

        await phone.FillAsync("#currentPassword", Password);
        await phone.FillAsync("#newPassword", NewPassword);
        await phone.Locator("[data-testid=change-password]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=form-notice]")).ToContainTextAsync("other devices are signed out", new() { Timeout = Patience });

        // The laptop's session is over: its next request is refused and it is sent to log in; the top bar names them anew.
        await laptop.GotoAsync("/teams");
        await laptop.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new() { Timeout = Patience });
        await laptop.FillAsync("#username", person.User.Username);
        await laptop.FillAsync("#password", NewPassword);
        await laptop.ClickAsync("button[type=submit]");
        await Assertions.Expect(laptop.Locator("[data-testid=nav-profile]")).ToContainTextAsync("Dana W.", new() { Timeout = Patience });

        // On the laptop's profile, what the phone saved; the full name back, and the top bar follows it.
        await laptop.Locator("[data-testid=nav-profile]").ClickAsync();
        await Assertions.Expect(laptop.Locator("#displayName")).ToHaveValueAsync("Dana W.", new() { Timeout = Patience });
        await laptop.FillAsync("#displayName", "Dana Weiss");
        await laptop.Locator("[data-testid=save-profile]").ClickAsync();
        await Assertions.Expect(laptop.Locator("[data-testid=form-notice]")).ToHaveTextAsync("Saved.", new() { Timeout = Patience });
        await Assertions.Expect(laptop.Locator("[data-testid=nav-profile]")).ToHaveAttributeAsync("title", $"Your profile (@{person.User.Username})");
        await Assertions.Expect(laptop.Locator("[data-testid=nav-profile]")).ToContainTextAsync("Dana Weiss");
        await laptop.Locator("#profile-title").ScrollIntoViewIfNeededAsync();
        await Screens.PhotographAndAuditAsync(laptop, "profile-laptop");

        // The box the phone ticked is ticked here too; unticked, it saves.
        await laptop.Locator("#reach-title").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(laptop.Locator("#email-events")).ToBeCheckedAsync(new() { Timeout = Patience });
        await laptop.Locator("#email-events").UncheckAsync();
        await Assertions.Expect(laptop.Locator("[data-testid=notification-preferences] ~ .saved")).ToHaveTextAsync("Saved.", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(laptop, "notification-preferences-laptop");
    }
}
