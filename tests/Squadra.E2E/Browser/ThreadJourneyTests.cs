using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 18, threads: one member replies in a thread, the other sees "1 reply" under the root live and the reply in the
/// thread pane, and answers there; replies never show in the timeline. At a laptop's size (the pane beside the chat,
/// Escape closes it) and a phone's (the pane over the whole screen, the back arrow closes it). The pane's pictures go to
/// artifacts/screens/ (thread-laptop.png, thread-phone.png), checked by axe-core as the other screens are.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ThreadJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AReplyInAThreadShowsLiveUnderItsRootAndInTheOtherMembersThreadPane(string device, int width, int height)
    {
        var phone = width < 500;
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Thread {Guid.NewGuid():N}"[..14]);
        await using var aliceContext = await NewContextAsync(width, height);
        await using var bobContext = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(bobContext);
        var alicePage = await ChatJourneyTests.OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        var bobPage = await ChatJourneyTests.OpenTeamAsync(bobContext, bob.User.Username, team.Id);
        await ChatJourneyTests.SendAsync(bobPage, "Who can drive to the away game on Saturday?");
        await ChatJourneyTests.SendAsync(bobPage, "Kit is in the clubhouse.");
        var rootOnAlices = ChatJourneyTests.Message(alicePage, "Who can drive");
        await Assertions.Expect(rootOnAlices).ToBeVisibleAsync(new() { Timeout = Patience });

        // Alice: "Reply in thread" in the message's toolbar opens the pane, its composer focused where there is a keyboard.
        if (!phone)
        {
            await rootOnAlices.HoverAsync();
        }
        await rootOnAlices.Locator("[data-testid=reply-in-thread]").ClickAsync();
        var alicesPane = alicePage.Locator("[data-testid=thread-pane]");
        await Assertions.Expect(alicesPane.Locator("[data-testid=message]").First).ToContainTextAsync("Who can drive", new() { Timeout = Patience });
        await Assertions.Expect(alicesPane.Locator("[data-testid=thread-reply-count]")).ToHaveTextAsync("No replies yet");
        var alicesComposer = alicesPane.Locator("[data-testid=thread-reply-body]");
        if (!phone)
        {
            await Assertions.Expect(alicesComposer).ToBeFocusedAsync();
        }
        await alicesComposer.FillAsync("I can take three people.");
        await alicesComposer.PressAsync("Enter");
        await Assertions.Expect(alicesPane.Locator("[data-testid=message]", new() { HasText = "I can take three" }))
            .ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(alicesComposer).ToHaveValueAsync("");

        // Bob: the root says "1 reply" live; the reply is not in his timeline; the summary opens the thread with it.
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

        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"thread-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(bobPage));

        // Closing: Escape on a laptop, the back arrow on a phone; the timeline is there again, the root counting two.
        if (phone)
        {
            await bobsPane.Locator("[data-testid=close-thread]").ClickAsync();
        }
        else
        {
            await bobsPane.Locator("[data-testid=thread-reply-body]").FocusAsync();
            await bobPage.Keyboard.PressAsync("Escape");
            await Assertions.Expect(bobPage.Locator("#messageBody")).ToBeFocusedAsync();
        }
        await Assertions.Expect(bobsPane).ToHaveCountAsync(0);
        await Assertions.Expect(summary).ToContainTextAsync("2 replies");
        await Assertions.Expect(alicePage.Locator("[data-testid=chat-pane] [data-testid=message]")).ToHaveCountAsync(2);
    }
}
