using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 20, search: Alice writes in the team's chat; Bob searches from the top bar for two of her words, finds her
/// message (matches marked, the team named) and not the other one, and opens the chat at it from the result (sixty
/// messages later: older pages load until it is there, scrolled to and marked). At a laptop's
/// size and a phone's; the picture goes to artifacts/screens/ (search-*), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SearchJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task APersonFindsATeammatesMessageBySearchAndOpensItsChat(string device, int width, int height)
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, "Rowing club");
        // A word of its own, so another run's messages on the same stack are not found.
        var kit = $"kit{Guid.NewGuid():N}"[..9];
        await using var aliceContext = await NewContextAsync(width, height);
        await using var bobContext = await NewContextAsync(width, height);
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
        await bobPage.Locator("[data-testid=nav-search]").ClickAsync();
        await bobPage.FillAsync("[data-testid=search-query]", $"blue {kit}");
        await bobPage.Locator("[data-testid=search-query]").PressAsync("Enter");

        var result = bobPage.Locator("[data-testid=search-result]");
        await Assertions.Expect(result).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(result.Locator("mark")).ToHaveTextAsync([kit, "blue"]);
        await Assertions.Expect(result).ToContainTextAsync("Rowing club");
        await Assertions.Expect(result).ToContainTextAsync("Alice Moreau");
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"search-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(bobPage));

        await result.Locator("a").ClickAsync();
        var found = ChatJourneyTests.Message(bobPage, "in the blue bag by the boathouse door");
        await Assertions.Expect(found).ToBeInViewportAsync(new() { Timeout = Patience });
        await Assertions.Expect(found).ToHaveClassAsync(new Regex("spotlight"));
        Assert.Contains($"/teams/{team.Id}?message=", bobPage.Url, StringComparison.Ordinal);
    }
}
