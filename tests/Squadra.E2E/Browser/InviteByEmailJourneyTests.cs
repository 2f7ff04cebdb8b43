using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 21, invite by email: a team's owner invites an address from the team page; the email (through ./run.sh's mail
/// catcher) leads a newcomer to /join/{token}, where they create an account and land in the team. At a laptop's size and
/// a phone's for the newcomer; pictures in artifacts/screens/ (join-*), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class InviteByEmailJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AnOwnerInvitesAnAddressAndTheNewcomerSignsUpAndJoinsFromTheEmail(string device, int width, int height)
    {
        using var client = Stack.Client();
        var owner = await RunningStack.SignUpAsync(client, "Greta Holm", "greta.");
        var teamName = $"Harbour rowers {Guid.NewGuid().ToString("N")[..4]}";
        var team = await ApiCalls.As(client, owner).CreateTeamAsync(new(teamName, "Saturday mornings on the water"), ActionKey.NewKey()).ValueOrThrowAsync();
        var address = $"newcomer.{Guid.NewGuid():N}@example.org";
        using var mail = new MailCatcherApi(Stack.MailApi);

        await using var ownersLaptop = await NewContextAsync(1280, 800);
        var ownersPage = await LogInAsync(ownersLaptop, owner.User.Username, then: $"/teams/{team.Id}");
        await ownersPage.FillAsync("#inviteUsername", address);
        await ownersPage.ClickAsync("[data-testid=invite-submit]");
        await Assertions.Expect(ownersPage.Locator("[data-testid=team-invitation]")).ToContainTextAsync(address, new() { Timeout = Patience });

        var text = await mail.WaitForTextToAsync(address, TimeSpan.FromSeconds(30));
        Assert.Contains($"Greta Holm (@{owner.User.Username}) invited you to join the team “{teamName}”", text, StringComparison.Ordinal);
        var link = JoinLink().Match(text).Value;

        await using var newcomer = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(newcomer);
        var page = await newcomer.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Join {teamName}", new() { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"join-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));

        await page.Locator("[data-testid=register-and-join]").ClickAsync();
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync(address, new() { Timeout = Patience });
        await page.FillAsync("#username", $"hana.{Guid.NewGuid().ToString("N")[..4]}");
        await page.FillAsync("#displayName", "Hana Ito");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => url.EndsWith($"/teams/{team.Id}", StringComparison.Ordinal), new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=team-name]")).ToHaveTextAsync(teamName, new() { Timeout = Patience });
        // The owner's pending list no longer holds the address once someone joined through it.
        await ownersPage.ReloadAsync();
        await Assertions.Expect(ownersPage.Locator("[data-testid=team-invitation]")).ToHaveCountAsync(0, new() { Timeout = Patience });
    }

    [GeneratedRegex(@"https?://\S+/join/[A-Za-z0-9_-]+")]
    private static partial Regex JoinLink();
}
