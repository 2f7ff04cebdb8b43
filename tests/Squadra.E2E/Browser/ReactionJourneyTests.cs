using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class ReactionJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task AReactionPickedByOneMemberShowsLiveForTheOtherWhoAddsTheirsWithAClick()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client);
        var bob = await RunningStack.SignUpAsync(client);
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"React {Guid.NewGuid():N}"[..14]);
        await using var aliceContext = await NewContextAsync();
        await using var bobContext = await NewContextAsync();
        var alicePage = await ChatJourneyTests.OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        var bobPage = await ChatJourneyTests.OpenTeamAsync(bobContext, bob.User.Username, team.Id);
        await ChatJourneyTests.SendAsync(bobPage, "We won the match!");
        var onAlices = ChatJourneyTests.Message(alicePage, "We won the match!");
        await Assertions.Expect(onAlices).ToBeVisibleAsync(new() { Timeout = Patience });

        // Alice picks 👍 from the picker under Bob's message.
        await onAlices.HoverAsync();
        await onAlices.Locator("[data-testid=add-reaction]").ClickAsync();
        await onAlices.Locator("[data-testid=reaction-choice][data-emoji='👍']").ClickAsync();
        await Assertions.Expect(onAlices.Locator("[data-testid=reaction-picker]")).ToHaveCountAsync(0);

        // Bob sees it live, not pressed for him; one click adds his.
        var chip = ChatJourneyTests.Message(bobPage, "We won the match!").Locator("[data-testid=reaction][data-emoji='👍']");
        await Assertions.Expect(chip.Locator("[data-testid=reaction-count]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-pressed", "false");
        await chip.ClickAsync();

        await Assertions.Expect(chip.Locator("[data-testid=reaction-count]")).ToHaveTextAsync("2", new() { Timeout = Patience });
        await Assertions.Expect(chip).ToHaveAttributeAsync("aria-pressed", "true");
        var alicesChip = onAlices.Locator("[data-testid=reaction][data-emoji='👍']");
        await Assertions.Expect(alicesChip.Locator("[data-testid=reaction-count]")).ToHaveTextAsync("2", new() { Timeout = Patience });
        await Assertions.Expect(alicesChip).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(alicesChip).ToHaveAttributeAsync("title", $"{bob.User.DisplayName} and you reacted with 👍");

        // Bob, with the keyboard alone: Enter opens the picker, Escape closes it with the focus back on its button; Tab
        // reaches the emoji, Enter picks one.
        var bobsMessage = ChatJourneyTests.Message(bobPage, "We won the match!");
        var add = bobsMessage.Locator("[data-testid=add-reaction]");
        await add.FocusAsync();
        await bobPage.Keyboard.PressAsync("Enter");
        await Assertions.Expect(bobsMessage.Locator("[data-testid=reaction-picker]")).ToBeVisibleAsync();
        await bobPage.Keyboard.PressAsync("Escape");
        await Assertions.Expect(bobsMessage.Locator("[data-testid=reaction-picker]")).ToHaveCountAsync(0);
        await Assertions.Expect(add).ToBeFocusedAsync();
        await bobPage.Keyboard.PressAsync("Enter");
        await bobPage.Keyboard.PressAsync("Tab");
        await Assertions.Expect(bobsMessage.Locator("[data-testid=reaction-choice][data-emoji='👍']")).ToBeFocusedAsync();
        await bobPage.Keyboard.PressAsync("Tab");
        await bobPage.Keyboard.PressAsync("Enter");
        await Assertions.Expect(add).ToBeFocusedAsync();
        await Assertions.Expect(onAlices.Locator("[data-testid=reaction][data-emoji='❤️'] [data-testid=reaction-count]"))
            .ToHaveTextAsync("1", new() { Timeout = Patience });
    }
}
