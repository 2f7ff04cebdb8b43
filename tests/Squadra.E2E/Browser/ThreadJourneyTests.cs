using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 18, threads: Alice, on a laptop, replies in a thread from the message's toolbar (it shows on hover; the pane
/// opens beside the chat, its composer focused); Bob, on a phone, sees "1 reply" under the root live, never the reply in
/// his timeline, opens the thread from the summary (the pane over the whole screen) and answers there; Alice's open pane
/// shows it live. Alice closes her pane with Escape, Bob his with the back arrow; he opens the thread once more from the
/// root's toolbar with a tap and answers again, which Alice's root counts live, and her summary opens the pane beside the
/// chat. The pane's pictures go to artifacts/screens/ (thread-laptop.png: Alice's pane beside the chat, thread-phone.png:
/// Bob's), checked by axe-core as the other screens are.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ThreadJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task AReplyInAThreadShowsLiveUnderItsRootAndInTheOtherMembersThreadPane()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Thread {Guid.NewGuid():N}"[..14]);
        await using var aliceContext = await NewContextAsync(1280, 800);
        await using var bobContext = await NewContextAsync(390, 844);
        await Screens.AddAxeAsync(aliceContext);
        await Screens.AddAxeAsync(bobContext);
        var alicePage = await ChatJourneyTests.OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        var bobPage = await ChatJourneyTests.OpenTeamAsync(bobContext, bob.User.Username, team.Id);
        await ChatJourneyTests.SendAsync(bobPage, "Who can drive to the away game on Saturday?");
        await ChatJourneyTests.SendAsync(bobPage, "Kit is in the clubhouse.");
        var rootOnAlices = ChatJourneyTests.Message(alicePage, "Who can drive");
        await Assertions.Expect(rootOnAlices).ToBeVisibleAsync(new() { Timeout = Patience });

        // Alice, on the laptop: "Reply in thread" in the message's toolbar (shown on hover) opens the pane, its composer focused.
        await rootOnAlices.HoverAsync();
        await rootOnAlices.Locator("[data-testid=reply-in-thread]").ClickAsync();
        var alicesPane = alicePage.Locator("[data-testid=thread-pane]");
        await Assertions.Expect(alicesPane.Locator("[data-testid=message]").First).ToContainTextAsync("Who can drive", new() { Timeout = Patience });
        await Assertions.Expect(alicesPane.Locator("[data-testid=thread-reply-count]")).ToHaveTextAsync("No replies yet");
        var alicesComposer = alicesPane.Locator("[data-testid=thread-reply-body]");
        await Assertions.Expect(alicesComposer).ToBeFocusedAsync();
        await alicesComposer.FillAsync("I can take three people.");
        await alicesComposer.PressAsync("Enter");
        await Assertions.Expect(alicesPane.Locator("[data-testid=message]", new() { HasText = "I can take three" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(alicesComposer).ToHaveValueAsync("");

        // Bob, on the phone: the root says "1 reply" live; the reply is not in his timeline; the summary opens the thread with it.
        var rootOnBobs = ChatJourneyTests.Message(bobPage, "Who can drive");
        var summary = rootOnBobs.Locator("[data-testid=thread-summary]");
        await Assertions.Expect(summary).ToContainTextAsync("1 reply", new() { Timeout = Patience });
        var bobsTimeline = bobPage.Locator("[data-testid=chat-pane] [data-testid=message]");
        await Assertions.Expect(bobsTimeline).ToHaveCountAsync(2);
        await Assertions.Expect(bobsTimeline.Filter(new() { HasText = "I can take three" })).ToHaveCountAsync(0);
        await summary.ClickAsync();
        var bobsPane = bobPage.Locator("[data-testid=thread-pane]");
        await Assertions.Expect(bobsPane.Locator("[data-testid=message]", new() { HasText = "I can take three" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobsPane.Locator("[data-testid=thread-reply-count]")).ToHaveTextAsync("1 reply");

        // Bob answers in the thread: Alice's open pane shows it live, her root counts two.
        await bobsPane.Locator("[data-testid=thread-reply-body]").FillAsync("Great, **thanks**! I'll bring the water.");
        await bobsPane.Locator("[data-testid=send-reply]").ClickAsync();
        await Assertions.Expect(alicesPane.Locator("[data-testid=message]", new() { HasText = "I'll bring the water" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(alicesPane.Locator("[data-testid=thread-reply-count]")).ToHaveTextAsync("2 replies");
        await Assertions.Expect(bobsPane.Locator("[data-testid=message]", new() { HasText = "I'll bring the water" })).ToBeVisibleAsync();
        await Assertions.Expect(bobsPane.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(alicesPane.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0);

        await Screens.PhotographAndAuditAsync(alicePage, "thread-laptop");
        await Screens.PhotographAndAuditAsync(bobPage, "thread-phone");

        // Closing: Escape on the laptop (the focus back in the chat's composer), the back arrow on the phone; the timeline
        // is there again, the root counting two, the replies still out of it.
        await alicesComposer.FocusAsync();
        await alicePage.Keyboard.PressAsync("Escape");
        await Assertions.Expect(alicePage.Locator("#messageBody")).ToBeFocusedAsync();
        await Assertions.Expect(alicesPane).ToHaveCountAsync(0);
        var alicesSummary = rootOnAlices.Locator("[data-testid=thread-summary]");
        await Assertions.Expect(alicesSummary).ToContainTextAsync("2 replies");
        await Assertions.Expect(alicePage.Locator("[data-testid=chat-pane] [data-testid=message]")).ToHaveCountAsync(2);

        await bobsPane.Locator("[data-testid=close-thread]").ClickAsync();
        await Assertions.Expect(bobsPane).ToHaveCountAsync(0);
        await Assertions.Expect(summary).ToContainTextAsync("2 replies");
        await Assertions.Expect(bobsTimeline).ToHaveCountAsync(2);

        // On the phone the root's toolbar needs no hover: a tap on "Reply in thread" opens the thread again, and Enter sends.
        await rootOnBobs.Locator("[data-testid=reply-in-thread]").ClickAsync();
        await Assertions.Expect(bobsPane.Locator("[data-testid=message]").First).ToContainTextAsync("Who can drive", new() { Timeout = Patience });
        await Assertions.Expect(bobsPane.Locator("[data-testid=thread-reply-count]")).ToHaveTextAsync("2 replies");
        var bobsComposer = bobsPane.Locator("[data-testid=thread-reply-body]");
        await bobsComposer.FillAsync("We meet at the car park at 9.");
        await bobsComposer.PressAsync("Enter");
        await Assertions.Expect(bobsPane.Locator("[data-testid=message]", new() { HasText = "car park at 9" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobsComposer).ToHaveValueAsync("");

        // Alice's root counts it live, her timeline still without it; on the laptop the summary opens the pane beside the chat.
        await Assertions.Expect(alicesSummary).ToContainTextAsync("3 replies", new() { Timeout = Patience });
        await Assertions.Expect(alicePage.Locator("[data-testid=chat-pane] [data-testid=message]")).ToHaveCountAsync(2);
        await alicesSummary.ClickAsync();
        await Assertions.Expect(alicesPane.Locator("[data-testid=message]", new() { HasText = "car park at 9" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(alicesPane.Locator("[data-testid=thread-reply-count]")).ToHaveTextAsync("3 replies");
        await Assertions.Expect(alicePage.Locator("[data-testid=chat-pane]")).ToBeVisibleAsync();

        await bobsPane.Locator("[data-testid=close-thread]").ClickAsync();
        await Assertions.Expect(bobsPane).ToHaveCountAsync(0);
    }
}
