using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Muting: Bob mutes his DM with Alice with the bell in its header, then goes elsewhere; Alice writes twice, the second
/// time mentioning him. His list marks the DM muted and counts nothing, and only the mention reaches his bell and his
/// tab's title. Then he mutes the team's chat from its settings menu. At a laptop's size and a phone's; the pictures go
/// to artifacts/screens/ (mute-chat-*, muted-*, mute-team-*), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class MutingJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => Screens.Sizes;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AMutedDmCountsNothingAndOnlyAMentionReachesTheBell(string device, int width, int height)
    {
        var phone = width < 500;
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client, "Alice Moreau", "alice.");
        var bob = await RunningStack.SignUpAsync(client, "Bob Tanaka", "bob.");
        var team = await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Mute {Guid.NewGuid():N}"[..14]);
        var dm = await ApiCalls.OpenDmAsync(client, alice, bob);
        var asAlice = ApiCalls.As(client, alice);
        // His invitation to the team, read: the bell and the title count only what the DM brings.
        await ApiCalls.As(client, bob).MarkNotificationsReadAsync(long.MaxValue).ValueOrThrowAsync();
        await asAlice.PostMessageAsync(ChatKey.Dm(dm.Id), new PostMessageRequest("Are you coming on Saturday?"), ActionKey.NewKey()).ValueOrThrowAsync();
        await using var context = await NewContextAsync(width, height);
        await Screens.AddAxeAsync(context);
        var page = await LogInAsync(context, bob.User.Username);

        // Bob opens the DM from his list (the sidebar, or a phone's Teams page) and mutes it.
        if (phone)
        {
            await page.Locator("[data-testid=nav-teams]").ClickAsync();
        }
        var bobsDm = page.Locator(phone ? "[data-testid=dm-item] a" : "[data-testid=sidebar-dm]", new() { HasText = "Alice Moreau" });
        var dmUnread = bobsDm.Locator(phone ? "[data-testid=dm-unread]" : "[data-testid=sidebar-dm-unread]");
        await Assertions.Expect(dmUnread).ToHaveTextAsync("1", new() { Timeout = Patience });
        await bobsDm.ClickAsync();
        await Assertions.Expect(ChatJourneyTests.Message(page, "Are you coming on Saturday?")).ToBeVisibleAsync(new() { Timeout = Patience });
        var mute = page.Locator("[data-testid=mute-chat]");
        await Assertions.Expect(mute).ToHaveAttributeAsync("aria-pressed", "false");
        await mute.ClickAsync();
        await Assertions.Expect(mute).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"mute-chat-{device}") });

        // Elsewhere: the team's chat on a laptop, the Teams page on a phone.
        if (phone)
        {
            await page.Locator("[data-testid=nav-teams]").ClickAsync();
        }
        else
        {
            await page.Locator("[data-testid=sidebar-team]", new() { HasText = team.Name }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=team-name]")).ToHaveTextAsync(team.Name, new() { Timeout = Patience });
        }
        await Assertions.Expect(bobsDm.Locator("[data-testid=muted-mark]")).ToBeVisibleAsync(new() { Timeout = Patience });
        // The first message's notification was read with the DM.
        var bellCount = page.Locator("[data-testid=notification-bell] [data-testid=unread-count]");
        await Assertions.Expect(bellCount).ToHaveCountAsync(0, new() { Timeout = Patience });
        await asAlice.PostMessageAsync(ChatKey.Dm(dm.Id), new PostMessageRequest("We need a driver."), ActionKey.NewKey()).ValueOrThrowAsync();
        await asAlice.PostMessageAsync(ChatKey.Dm(dm.Id), new PostMessageRequest($"@{bob.User.Username} could you drive?"), ActionKey.NewKey())
            .ValueOrThrowAsync();

        // The mention reaches the bell and the title; the two messages count nowhere.
        await Assertions.Expect(bellCount).ToHaveTextAsync("1", new() { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"muted-{device}") });
        // On a phone, the Teams page: a static title, which Blazor writes after a comment.
        await Assertions.Expect(page).ToHaveTitleAsync(TitleCountingOne());
        await Assertions.Expect(dmUnread).ToHaveCountAsync(0);
        await Assertions.Expect(bobsDm.Locator("[data-testid=muted-mark]")).ToBeVisibleAsync();
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));

        // The team's chat: muted from its settings menu, marked in the list.
        var teamLink = page.Locator(phone ? "[data-testid=team-item] a" : "[data-testid=sidebar-team]", new() { HasText = team.Name });
        if (phone)
        {
            await teamLink.ClickAsync();
        }
        await page.Locator("[data-testid=team-menu]").ClickAsync();
        var muteTeam = page.Locator("[data-testid=mute-chat]");
        await Assertions.Expect(muteTeam).ToHaveTextAsync("Mute chat", new() { Timeout = Patience });
        await muteTeam.ClickAsync();
        await Assertions.Expect(muteTeam).ToHaveTextAsync("Unmute chat", new() { Timeout = Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screens.PathOf($"mute-team-{device}") });
        Assert.Empty(await Screens.SeriousAccessibilityViolationsAsync(page));
        await page.Keyboard.PressAsync("Escape");
        if (phone)
        {
            await page.Locator("[data-testid=nav-teams]").ClickAsync();
        }
        await Assertions.Expect(teamLink.Locator("[data-testid=muted-mark]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    [GeneratedRegex(@"^\(1\) ")]
    private static partial Regex TitleCountingOne();
}
