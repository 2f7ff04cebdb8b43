using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 19, live signals between two people and two devices of one of them: Bob sees Alice come online on the
/// member list and sees her typing; her message ends the typing line. Then, with Bob away from the chat on both his
/// devices, Alice writes again: both show it unread; Bob reads it on one, and the other's badge goes, live.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LiveSignalsJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task PresenceTypingAndReadStateReachTheOtherPersonAndTheOtherDevice()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Live {Guid.NewGuid():N}"[..14]);
        await using var bobLaptop = await NewContextAsync();
        await using var bobSecondDevice = await NewContextAsync();
        await using var aliceContext = await NewContextAsync();

        // Bob's second device stays on his teams list; his laptop has the team's chat open, the members beside it.
        var bobElsewhere = await LogInAsync(bobSecondDevice, bob.User.Username);
        await bobElsewhere.Locator("[data-testid=nav-teams]").ClickAsync();
        var elsewhereBadge = bobElsewhere.Locator("[data-testid=team-item]", new() { HasText = team.Name }).Locator("[data-testid=team-unread]");
        await Assertions.Expect(bobElsewhere.Locator("[data-testid=team-item]", new() { HasText = team.Name })).ToBeVisibleAsync(new() { Timeout = Patience });
        var bobPage = await ChatJourneyTests.OpenTeamAsync(bobLaptop, bob.User.Username, team.Id);

        // Alice signs in: Bob sees her come online.
        var alicePage = await ChatJourneyTests.OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        var alicesDot = bobPage.Locator($"[data-testid=member-row][data-username='{alice.User.Username}'] [data-testid=presence-dot]");
        await Assertions.Expect(alicesDot).ToHaveAttributeAsync("data-online", "true", new() { Timeout = Patience });
        await Assertions.Expect(alicesDot).ToHaveAttributeAsync("aria-label", "Online");

        // Alice types: Bob sees it; she sends: the line goes and her message is there.
        await alicePage.Locator("#messageBody").PressSequentiallyAsync("Are we still on for", new() { Delay = 50 });
        var typing = bobPage.Locator("[data-testid=typing-line]");
        await Assertions.Expect(typing).ToHaveTextAsync("Alice Moreau is typing…", new() { Timeout = Patience });
        await alicePage.Locator("#messageBody").FillAsync("Are we still on for Saturday?");
        await alicePage.ClickAsync("[data-testid=send-message]");
        await Assertions.Expect(ChatJourneyTests.Message(bobPage, "still on for Saturday")).ToBeVisibleAsync(new() { Timeout = Patience });
        // At once, as her message ends it; at the latest 5 s after her last signal, should one overtake the message.
        await Assertions.Expect(typing).ToHaveTextAsync("", new() { Timeout = 10_000 });

        // Bob read that one on his laptop: his other device has nothing unread either.
        await Assertions.Expect(elsewhereBadge).ToHaveCountAsync(0, new() { Timeout = Patience });

        // Bob leaves the chat on his laptop; Alice writes again: unread on both devices.
        await bobPage.Locator("[data-testid=nav-teams]").ClickAsync();
        var laptopBadge = bobPage.Locator("[data-testid=team-item]", new() { HasText = team.Name }).Locator("[data-testid=team-unread]");
        await ChatJourneyTests.SendAsync(alicePage, "I'll bring the ball.");
        await Assertions.Expect(laptopBadge).ToHaveTextAsync("1", new() { Timeout = Patience });
        await Assertions.Expect(elsewhereBadge).ToHaveTextAsync("1", new() { Timeout = Patience });

        // Bob opens the chat on his laptop: the new message under the "New messages" line, and the other device's badge goes.
        await bobPage.Locator("[data-testid=team-item] a", new() { HasText = team.Name }).ClickAsync();
        await Assertions.Expect(ChatJourneyTests.Message(bobPage, "I'll bring the ball.")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=new-messages-line] + [data-testid=message]")).ToContainTextAsync("I'll bring the ball.");
        await Assertions.Expect(elsewhereBadge).ToHaveCountAsync(0, new() { Timeout = Patience });
    }
}
