using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 21, invite by email: a team's owner, on a laptop, invites two addresses from the team page; each email (through
/// ./run.sh's mail catcher) leads a newcomer to /join/{token}, where they create an account and land in the team: Hana
/// on a laptop, Ravi on a phone. Once both joined, the owner's pending list is empty. Pictures in artifacts/screens/
/// (join-laptop: Hana's, join-phone: Ravi's), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class InviteByEmailJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task AnOwnerInvitesTwoAddressesAndEachNewcomerSignsUpAndJoinsFromTheirEmail()
    {
        using var client = Stack.Client();
        var owner = await RunningStack.SignUpAsync(client, "Greta Holm", "greta.");
        var teamName = $"Harbour rowers {Guid.NewGuid().ToString("N")[..4]}";
        var team = await ApiCalls.As(client, owner).CreateTeamAsync(new(teamName, "Saturday mornings on the water"), ActionKey.NewKey()).ValueOrThrowAsync();
        var hanasAddress = $"newcomer.{Guid.NewGuid():N}@example.org";
        var ravisAddress = $"newcomer.{Guid.NewGuid():N}@example.org";
        using var mail = new MailCatcherApi(Stack.MailApi);

        await using var ownersLaptop = await NewContextAsync(1280, 800);
        var ownersPage = await LogInAsync(ownersLaptop, owner.User.Username, then: $"/teams/{team.Id}");
        var pending = ownersPage.Locator("[data-testid=team-invitation]");
        foreach (var address in new[] { hanasAddress, ravisAddress })
        {
            await ownersPage.FillAsync("#inviteUsername", address);
            await ownersPage.ClickAsync("[data-testid=invite-submit]");
            await Assertions.Expect(pending.Filter(new() { HasText = address })).ToBeVisibleAsync(new() { Timeout = Patience });
        }
        await Assertions.Expect(pending).ToHaveCountAsync(2);

        await JoinFromTheEmailAsync(mail, owner.User.Username, teamName, team.Id, hanasAddress, "Hana Ito", 1280, 800, "join-laptop");
        await JoinFromTheEmailAsync(mail, owner.User.Username, teamName, team.Id, ravisAddress, "Ravi Shah", 390, 844, "join-phone");

        // The owner's pending list no longer holds the addresses once someone joined through them.
        await ownersPage.ReloadAsync();
        await Assertions.Expect(pending).ToHaveCountAsync(0, new() { Timeout = Patience });
    }

    // The email's link opens the join page in the newcomer's own browser, where they create an account and land in the team.
    async Task JoinFromTheEmailAsync(MailCatcherApi mail, string ownersUsername, string teamName, string teamId, string address, string name,
        int width, int height, string picture)
    {
        var text = await mail.WaitForTextToAsync(address, TimeSpan.FromSeconds(30));
        Assert.Contains($"Greta Holm (@{ownersUsername}) invited you to join the team “{teamName}”", text, StringComparison.Ordinal);
        var link = JoinLink().Match(text).Value;

        await using var newcomer = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(newcomer);
        var page = await newcomer.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Join {teamName}", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(page, picture);

        await page.Locator("[data-testid=register-and-join]").ClickAsync();
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync(address, new() { Timeout = Patience });
        await page.FillAsync("#username", $"{name.Split(' ')[0].ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..4]}");
        await page.FillAsync("#displayName", name);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => url.EndsWith($"/teams/{teamId}", StringComparison.Ordinal), new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=team-name]")).ToHaveTextAsync(teamName, new() { Timeout = Patience });
    }

    [GeneratedRegex(@"https?://\S+/join/[A-Za-z0-9_-]+")]
    private static partial Regex JoinLink();
}
