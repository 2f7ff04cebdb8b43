using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Contracts.Teams;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Drafts: Alice starts a message in one team, goes to her other team before sending it; the first team is marked
/// with a pencil (the sidebar on a laptop, the Teams page on a phone), and going back finds her text in the composer,
/// which Enter sends. At a laptop's size and a phone's; the picture goes to artifacts/screens/ (draft-*), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DraftJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task TextLeftUnsentWaitsInItsChatWhichIsMarkedMeanwhile(string device, int width, int height)
    {
        var phone = width < 500;
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var asAlice = ApiCalls.As(client, alice);
        var choir = await asAlice.CreateTeamAsync(new CreateTeamRequest($"Choir {Guid.NewGuid():N}"[..12]), ActionKey.NewKey()).ValueOrThrowAsync();
        var band = await asAlice.CreateTeamAsync(new CreateTeamRequest($"Band {Guid.NewGuid():N}"[..11]), ActionKey.NewKey()).ValueOrThrowAsync();
        await using var context = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(context);
        var page = await LogInAsync(context, alice.User.Username);

        await OpenAsync(page, choir, phone);
        await page.Locator("#messageBody").FillAsync("Bring the scores for Sunday");
        await OpenAsync(page, band, phone);
        await Assertions.Expect(page.Locator("#messageBody")).ToHaveValueAsync("");

        // Where she picks a chat, the one with her unsent text is marked.
        if (phone)
        {
            await page.Locator("[data-testid=nav-teams]").ClickAsync();
        }
        var choirLink = TeamLink(page, choir, phone);
        await Assertions.Expect(choirLink.Locator("[data-testid=draft-mark]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(TeamLink(page, band, phone).Locator("[data-testid=draft-mark]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"draft-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));

        await choirLink.ClickAsync();
        await Assertions.Expect(page.Locator("#messageBody")).ToHaveValueAsync("Bring the scores for Sunday", new() { Timeout = Patience });
        await page.Locator("#messageBody").PressAsync("Enter");
        await Assertions.Expect(ChatJourneyTests.Message(page, "Bring the scores for Sunday")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#messageBody")).ToHaveValueAsync("");
        if (!phone)
        {
            await Assertions.Expect(page.Locator("[data-testid=draft-mark]")).ToHaveCountAsync(0);
        }
    }

    // A laptop's sidebar, or on a phone the Teams page's list (its tab opened first).
    static async Task OpenAsync(IPage page, TeamDto team, bool phone)
    {
        if (phone)
        {
            await page.Locator("[data-testid=nav-teams]").ClickAsync();
        }
        await TeamLink(page, team, phone).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=chat-pane] [data-testid=no-messages]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.EndsWith($"/teams/{team.Id}", page.Url, StringComparison.Ordinal);
    }

    static ILocator TeamLink(IPage page, TeamDto team, bool phone) =>
        page.Locator(phone ? "[data-testid=team-item] a" : "[data-testid=sidebar-team]", new() { HasText = team.Name });
}
