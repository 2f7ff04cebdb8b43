using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class ChatJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task TwoMembersChatLiveEditsReachTheOtherAndNothingAppearsTwice()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client);
        var bob = await RunningStack.SignUpAsync(client);
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Chat {Guid.NewGuid():N}"[..13]);
        await using var aliceContext = await NewContextAsync();
        await using var bobContext = await NewContextAsync();
        var alicePage = await OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        var bobPage = await OpenTeamAsync(bobContext, bob.User.Username, team.Id);
        var aliceLoads = CountFullPageLoads(alicePage);
        var bobLoads = CountFullPageLoads(bobPage);

        // Alice writes; Bob sees it without doing anything.
        await SendAsync(alicePage, "Hello Bob, rehearsal at 8?");
        await Assertions.Expect(Message(bobPage, "Hello Bob, rehearsal at 8?")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(Message(alicePage, "Hello Bob, rehearsal at 8?")).ToHaveAttributeAsync("data-seq", "1", new() { Timeout = Patience });
        await Assertions.Expect(alicePage.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0);

        // Bob answers; Alice sees it.
        await SendAsync(bobPage, "Yes! See you there.");
        await Assertions.Expect(Message(alicePage, "Yes! See you there.")).ToHaveAttributeAsync("data-seq", "2", new() { Timeout = Patience });

        // Alice edits her message; Bob sees the new text, marked as edited.
        var mine = Message(alicePage, "Hello Bob, rehearsal at 8?");
        await mine.HoverAsync();
        await mine.Locator("[data-testid=message-menu]").ClickAsync();
        await mine.Locator("[data-testid=edit-message]").ClickAsync();
        await alicePage.Locator("[data-testid=edit-body]").FillAsync("Hello Bob, rehearsal at 9?");
        await alicePage.Locator("[data-testid=save-edit]").ClickAsync();
        var edited = Message(bobPage, "Hello Bob, rehearsal at 9?");
        await Assertions.Expect(edited).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(edited.Locator("[data-testid=message-edited]")).ToBeVisibleAsync();

        // Each message once, in seq order, on both sides; no reloads.
        foreach (var page in new[] { alicePage, bobPage })
        {
            await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0);
            Assert.Equal(["1", "2"], await page.Locator("[data-testid=message]").EvaluateAllAsync<string[]>("ms => ms.map(m => m.dataset.seq)"));
            await Assertions.Expect(page.Locator("[data-testid=message]", new() { HasText = "rehearsal at 8" })).ToHaveCountAsync(0);
        }
        Assert.Equal(0, aliceLoads());
        Assert.Equal(0, bobLoads());
    }

    internal static ILocator Message(IPage page, string text) => page.Locator("[data-testid=message]", new() { HasText = text });

    internal static async Task SendAsync(IPage page, string text)
    {
        await page.FillAsync("#messageBody", text);
        await page.ClickAsync("[data-testid=send-message]");
    }

    internal static async Task<IPage> OpenTeamAsync(IBrowserContext context, string username, string teamId)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(username, new() { Timeout = Patience });
        await page.Locator("[data-testid=team-item] a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=chat-pane] [data-testid=no-messages]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.EndsWith($"/teams/{teamId}", page.Url, StringComparison.Ordinal);
        return page;
    }

}
