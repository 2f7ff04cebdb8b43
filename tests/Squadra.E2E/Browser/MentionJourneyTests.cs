using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class MentionJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task AnaPicksBenFromTheSuggestionsWithTheKeyboardAndBenSeesTheMentionAndANotification()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Mention {Guid.NewGuid():N}"[..16]);
        await using var anaContext = await NewContextAsync();
        await using var benContext = await NewContextAsync();
        var anaPage = await ChatJourneyTests.OpenTeamAsync(anaContext, ana.User.Username, team.Id);
        var benPage = await ChatJourneyTests.OpenTeamAsync(benContext, ben.User.Username, team.Id);
        // Ben's invitation is his one notification so far.
        var count = benPage.Locator("[data-testid=unread-count]");
        await Assertions.Expect(count).ToHaveTextAsync("1", new() { Timeout = Patience });

        // Ana types "@be": Ben is suggested (by his display name); the arrows and Enter take him, and do not send.
        var composer = anaPage.Locator("#messageBody");
        await composer.PressSequentiallyAsync("Practice moved, @be");
        var option = anaPage.Locator("[data-testid=mention-option]", new() { HasText = "Ben Okafor" });
        await Assertions.Expect(option).ToBeVisibleAsync(new() { Timeout = Patience });
        await anaPage.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        await anaPage.Keyboard.PressAsync("Enter");
        await Assertions.Expect(composer).ToHaveValueAsync($"Practice moved, @{ben.User.Username} ");
        await Assertions.Expect(anaPage.Locator("[data-testid=mention-list]")).ToHaveCountAsync(0);
        await composer.PressSequentiallyAsync("bring the keys");
        await anaPage.Keyboard.PressAsync("Enter");

        // Ben sees the message marked for him, and the bell counts a "mentioned you".
        var onBens = ChatJourneyTests.Message(benPage, "bring the keys");
        await Assertions.Expect(onBens).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmentions-me\b"), new() { Timeout = Patience });
        await Assertions.Expect(onBens.Locator(".mention")).ToHaveTextAsync($"@{ben.User.Username}");
        await Assertions.Expect(count).ToHaveTextAsync("2", new() { Timeout = Patience });
        await benPage.ClickAsync("[data-testid=notification-bell]");
        await Assertions.Expect(benPage.Locator("[data-testid=notification-item]").First)
            .ToContainTextAsync($"Ana Lima mentioned you in {team.Name}: Practice moved, @{ben.User.Username} bring the keys");
        // Ana's own view of it: the name marked, the row not.
        var onAnas = ChatJourneyTests.Message(anaPage, "bring the keys");
        await Assertions.Expect(onAnas.Locator(".mention")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(onAnas).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmentions-me\b"));
    }
}
