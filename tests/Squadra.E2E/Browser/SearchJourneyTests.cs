using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 20, search: Alice, on a laptop, writes in the team's chat; Bob, on a phone, searches from the top bar for two of
/// her words, finds her message (matches marked, the team named) and not the other one, and opens the chat at it from
/// the result (sixty messages later: older pages load until it is there, scrolled to and marked). Then Alice finds it
/// the same way on the laptop and goes back to it in her chat. The pictures go to artifacts/screens/ (search-phone:
/// Bob's results, search-laptop: Alice's), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SearchJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task APersonFindsATeammatesMessageBySearchAndOpensItsChat()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, "Rowing club");
        // A word of its own, so another run's messages on the same stack are not found.
        var kit = $"kit{Guid.NewGuid():N}"[..9];
        await using var aliceContext = await NewContextAsync(1280, 800);
        await using var bobContext = await NewContextAsync(390, 844);
        await Screens.AddAxeAsync(aliceContext);
        await Screens.AddAxeAsync(bobContext);
        var alicePage = await ChatJourneyTests.OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        await ChatJourneyTests.SendAsync(alicePage, $"The away {kit} is in the blue bag by the boathouse door.");
        await ChatJourneyTests.SendAsync(alicePage, $"The home {kit} is being washed.");
        // Enough after it that the message is not in the chat's newest page: the result must load older pages to show it.
        var asAlice = ApiCalls.As(client, alice);
        for (var i = 1; i <= 60; i++)
        {
            await asAlice.PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest($"Later message {i}"), ActionKey.NewKey()).ValueOrThrowAsync();
        }

        var bobPage = await LogInAsync(bobContext, bob.User.Username);
        await FindAndOpenAsync(bobPage, kit, team.Id, "search-phone");
        await FindAndOpenAsync(alicePage, kit, team.Id, "search-laptop");
    }

    // From the top bar's Search: two of the words find the one message, which the result opens in its chat.
    static async Task FindAndOpenAsync(IPage page, string kit, string teamId, string picture)
    {
        await page.Locator("[data-testid=nav-search]").ClickAsync();
        await page.FillAsync("[data-testid=search-query]", $"blue {kit}");
        await page.Locator("[data-testid=search-query]").PressAsync("Enter");

        var result = page.Locator("[data-testid=search-result]");
        await Assertions.Expect(result).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(result.Locator("mark")).ToHaveTextAsync([kit, "blue"]);
        await Assertions.Expect(result).ToContainTextAsync("Rowing club");
        await Assertions.Expect(result).ToContainTextAsync("Alice Moreau");
        await Screens.PhotographAndAuditAsync(page, picture);

        await result.Locator("a").ClickAsync();
        var found = ChatJourneyTests.Message(page, "in the blue bag by the boathouse door");
        await Assertions.Expect(found).ToBeInViewportAsync(new() { Timeout = Patience });
        await Assertions.Expect(found).ToHaveClassAsync(new Regex("spotlight"));
        Assert.Contains($"/teams/{teamId}?message=", page.Url, StringComparison.Ordinal);
    }
}
