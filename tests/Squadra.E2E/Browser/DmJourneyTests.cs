using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Issue 18, direct messages: Alice messages Bob from the team's member list and writes; the DM appears in Bob's
/// sidebar (a phone's Teams page) live with its unread count; he opens it and answers; Alice sees the answer live. At a
/// laptop's size and a phone's; the pictures go to artifacts/screens/ (dm-list-*, dm-*, dm-new-*), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DmJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ADmOpenedFromTheMemberListAppearsLiveForTheOtherPersonAndBothSeeTheAnswers(string device, int width, int height)
    {
        var phone = width < 500;
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Dm {Guid.NewGuid():N}"[..14]);
        await using var aliceContext = await NewContextAsync(width, height);
        await using var bobContext = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(bobContext);

        // Bob is signed in first, on the screen that lists his DMs: the sidebar on a laptop, the Teams page on a phone.
        var bobPage = await LogInAsync(bobContext, bob.User.Username);
        if (phone)
        {
            await bobPage.Locator("[data-testid=nav-teams]").ClickAsync();
            await Assertions.Expect(bobPage.Locator("[data-testid=no-dms]")).ToBeVisibleAsync(new() { Timeout = Patience });
        }
        var bobsDm = bobPage.Locator(phone ? "[data-testid=dm-item] a" : "[data-testid=sidebar-dm]", new() { HasText = "Alice Moreau" });
        await Assertions.Expect(bobsDm).ToHaveCountAsync(0);

        // Alice: the team's members (beside the chat, or their tab on a phone), "Message" on Bob's row.
        var alicePage = await ChatJourneyTests.OpenTeamAsync(aliceContext, alice.User.Username, team.Id);
        if (phone)
        {
            await alicePage.Locator("[data-testid=team-tab-members]").ClickAsync();
        }
        var bobsRow = alicePage.Locator($"[data-testid=member-row][data-username='{bob.User.Username}']");
        await Assertions.Expect(bobsRow.Locator("[data-testid=message-member]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await alicePage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"dm-members-{device}") });
        await bobsRow.Locator("[data-testid=message-member]").ClickAsync();
        await Assertions.Expect(alicePage.Locator("[data-testid=dm-name]")).ToHaveTextAsync("Bob Tanaka", new() { Timeout = Patience });
        Assert.Contains("/dms/", alicePage.Url, StringComparison.Ordinal);
        await Assertions.Expect(alicePage.Locator("[data-testid=no-messages]")).ToContainTextAsync("Say hello.");
        await ChatJourneyTests.SendAsync(alicePage, "Hi Bob, can you bring the **cones** on Saturday?");

        // Bob: the DM appears without a reload, one unread.
        await Assertions.Expect(bobsDm).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobsDm.Locator(phone ? "[data-testid=dm-unread]" : "[data-testid=sidebar-dm-unread]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"dm-list-{device}") });

        // Bob: "New message" shows whom he can write to; Escape closes it.
        await bobPage.Locator(phone ? "[data-testid=new-dm]" : "[data-testid=sidebar-new-dm]").ClickAsync();
        var dialog = bobPage.Locator("[data-testid=new-dm-dialog]");
        await Assertions.Expect(dialog.Locator("[data-testid=dm-person]", new() { HasText = "Alice Moreau" })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("#dmPeople")).ToBeFocusedAsync();
        await bobPage.Locator("#dmPeople").FillAsync("ali");
        await bobPage.Locator("#dmPeople").PressAsync("Enter");
        await Assertions.Expect(dialog.Locator("[data-testid=dm-chip]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Alice Moreau"));
        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"dm-new-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(bobPage));
        await bobPage.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // Bob opens the DM and answers; the badge is gone, Alice sees the answer live.
        await bobsDm.ClickAsync();
        await Assertions.Expect(ChatJourneyTests.Message(bobPage, "can you bring the cones")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=dm-name]")).ToHaveTextAsync("Alice Moreau");
        await ChatJourneyTests.SendAsync(bobPage, "Sure, I'll bring ten.");
        await Assertions.Expect(ChatJourneyTests.Message(alicePage, "Sure, I'll bring ten.")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=message-pending]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        if (!phone)
        {
            await Assertions.Expect(bobsDm.Locator("[data-testid=sidebar-dm-unread]")).ToHaveCountAsync(0);
        }

        await bobPage.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"dm-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(bobPage));
    }
}
