using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 18, direct messages: Alice, on a laptop, messages Bob from the team's member list beside the chat and writes;
/// Bob, on a phone, has seen the same "Message" button under the team's Members tab, and the DM appears on his Teams page
/// live with its unread count; he opens it from there and answers, and Alice sees the answer live. Each starts a "New
/// message" in their own place (a laptop's sidebar, a phone's Teams page), chooses the other and closes it with Escape.
/// Alice goes back to the team's chat; Bob's next message counts in her sidebar until she opens the DM from it. The
/// pictures go to artifacts/screens/ (dm-members-*, dm-list-*, dm-new-*, dm-*: the laptop's from Alice, the phone's from
/// Bob), the new-message dialog and the DM checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DmJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task ADmOpenedFromTheMemberListAppearsLiveForTheOtherPersonAndBothSeeTheAnswers()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Dm {Guid.NewGuid():N}"[..14]);
        await using var aliceContext = await NewContextAsync(1280, 800);
        await using var bobContext = await NewContextAsync(390, 844);
        await Screens.AddAxeAsync(aliceContext);
        await Screens.AddAxeAsync(bobContext);

        // Bob is signed in first, on the phone: the team's members are a tab away, each with a "Message" button.
        var bobPage = await LogInAsync(bobContext, bob.User.Username, then: $"/teams/{team.Id}");
        await bobPage.Locator("[data-testid=team-tab-members]").ClickAsync();
        var alicesRow = bobPage.Locator($"[data-testid=member-row][data-username='{alice.User.Username}']");
        await Assertions.Expect(alicesRow.Locator("[data-testid=message-member]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf("dm-members-phone") });

        // Then on the screen that lists his DMs, a phone's Teams page: none yet.
        await bobPage.Locator("[data-testid=nav-teams]").ClickAsync();
        await Assertions.Expect(bobPage.Locator("[data-testid=no-dms]")).ToBeVisibleAsync(new() { Timeout = Patience });
        var bobsDm = bobPage.Locator("[data-testid=dm-item] a", new() { HasText = "Alice Moreau" });
        await Assertions.Expect(bobsDm).ToHaveCountAsync(0);

        // Alice, on the laptop: the team's members beside the chat, "Message" on Bob's row.
        var alicePage = await ChatJourneyTests.OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        var bobsRow = alicePage.Locator($"[data-testid=member-row][data-username='{bob.User.Username}']");
        await Assertions.Expect(bobsRow.Locator("[data-testid=message-member]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf("dm-members-laptop") });
        await bobsRow.Locator("[data-testid=message-member]").ClickAsync();
        await Assertions.Expect(alicePage.Locator("[data-testid=dm-name]")).ToHaveTextAsync("Bob Tanaka", new() { Timeout = Patience });
        Assert.Contains("/dms/", alicePage.Url, StringComparison.Ordinal);
        await Assertions.Expect(alicePage.Locator("[data-testid=no-messages]")).ToContainTextAsync("Say hello.");
        await ChatJourneyTests.SendAsync(alicePage, "Hi Bob, can you bring the **cones** on Saturday?");

        // Bob: the DM appears without a reload, one unread.
        await Assertions.Expect(bobsDm).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobsDm.Locator("[data-testid=dm-unread]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf("dm-list-phone") });

        // Bob: "New message" shows whom he can write to; Escape closes it.
        await NewMessageToAsync(bobPage, "[data-testid=new-dm]", "ali", "Alice Moreau", "dm-new-phone");

        // Bob opens the DM and answers; Alice sees the answer live.
        await bobsDm.ClickAsync();
        await Assertions.Expect(ChatJourneyTests.Message(bobPage, "can you bring the cones")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=dm-name]")).ToHaveTextAsync("Alice Moreau");
        await ChatJourneyTests.SendAsync(bobPage, "Sure, I'll bring ten.");
        await Assertions.Expect(ChatJourneyTests.Message(alicePage, "Sure, I'll bring ten.")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0, new() { Timeout = Patience });

        // Alice goes back to the team's chat; Bob writes again: her sidebar lists the DM with one unread.
        await alicePage.Locator("[data-testid=sidebar-team]", new() { HasText = team.Name }).ClickAsync();
        await Assertions.Expect(alicePage.Locator("[data-testid=team-name]")).ToHaveTextAsync(team.Name, new() { Timeout = Patience });
        await ChatJourneyTests.SendAsync(bobPage, "And the **bibs**.");
        await Assertions.Expect(bobPage.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(bobPage, "dm-phone");
        var alicesDm = alicePage.Locator("[data-testid=sidebar-dm]", new() { HasText = "Bob Tanaka" });
        await Assertions.Expect(alicesDm.Locator("[data-testid=sidebar-dm-unread]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf("dm-list-laptop") });

        // Alice: "New message" from the sidebar; Escape closes it.
        await NewMessageToAsync(alicePage, "[data-testid=sidebar-new-dm]", "bob", "Bob Tanaka", "dm-new-laptop");

        // Alice opens the DM from her sidebar: Bob's answers are there and the badge is gone.
        await alicesDm.ClickAsync();
        await Assertions.Expect(ChatJourneyTests.Message(alicePage, "And the bibs.")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(ChatJourneyTests.Message(alicePage, "Sure, I'll bring ten.")).ToBeVisibleAsync();
        await Assertions.Expect(alicesDm.Locator("[data-testid=sidebar-dm-unread]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(alicePage, "dm-laptop");
    }

    // "New message" opened from its button, the cursor in its "To" box; a few letters and Enter choose the person.
    static async Task NewMessageToAsync(IPage page, string button, string typed, string name, string picture)
    {
        await page.Locator(button).ClickAsync();
        var dialog = page.Locator("[data-testid=new-dm-dialog]");
        await Assertions.Expect(dialog.Locator("[data-testid=dm-person]", new() { HasText = name })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#dmPeople")).ToBeFocusedAsync();
        await page.Locator("#dmPeople").FillAsync(typed);
        await page.Locator("#dmPeople").PressAsync("Enter");
        await Assertions.Expect(dialog.Locator("[data-testid=dm-chip]")).ToHaveTextAsync(new Regex(name));
        await Screens.PhotographAndAuditAsync(page, picture);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }
}
