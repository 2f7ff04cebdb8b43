using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Invitations;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>Issue 22 in a real browser: the bell, the tab's title, and the chat's emoji and editor.</summary>
[Collection(StackCollection.Name)]
public sealed partial class NotificationJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task OpeningReadsANotificationTheTitleCountsWhatIsUnreadAndEscapeClosesTheBellAfterMarkAllRead()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var cleo = await RunningStack.SignUpAsync(client, "Cleo Park");
        // Ben: "invited to" (1) and "Cleo joined" (2), unread; one chat message of Ana's unread.
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Rowing club");
        var invitation = await ApiCalls.As(client, ana).InviteAsync(team.Id, new InviteRequest(cleo.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, cleo).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ana).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("The boat is ready 🚣"), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ben).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("Count me in"), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync();
        var page = await LogInAsync(context, ben.User.Username);
        var count = page.Locator("[data-testid=unread-count]");
        await Assertions.Expect(count).ToHaveTextAsync("2", new() { Timeout = Patience });
        await Assertions.Expect(page).ToHaveTitleAsync(CountedTitle(), new() { Timeout = Patience });

        // Opening one reads it: the older one, so that the newer one stays unread.
        await page.ClickAsync("[data-testid=notification-bell]");
        await page.Locator("[data-testid=notification-item]").Last.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=notification-panel]")).ToHaveCountAsync(0);
        await Assertions.Expect(count).ToHaveTextAsync("1", new() { Timeout = Patience });

        // "Mark all read" disables itself; Escape must still close the panel.
        await page.ClickAsync("[data-testid=notification-bell]");
        await page.ClickAsync("[data-testid=mark-all-read]");
        await Assertions.Expect(count).ToHaveCountAsync(0, new() { Timeout = Patience });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=notification-panel]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=notification-bell]")).ToBeFocusedAsync();

        // The chat seen, nothing is unread: no count in the title.
        await page.GotoAsync($"/teams/{team.Id}");
        var emoji = page.Locator("[data-testid=message]", new() { HasText = "The boat is ready" }).Locator(".message-body");
        await Assertions.Expect(emoji).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page).Not.ToHaveTitleAsync(CountedTitle(), new() { Timeout = Patience });

        // An emoji font is named, so emoji are not boxes where the default font lacks them.
        Assert.Contains("Noto Color Emoji", await emoji.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"), StringComparison.Ordinal);

        // The message's ⋯ opens with Enter; its Edit puts the caret at the end of the text.
        var mine = page.Locator("[data-testid=message]", new() { HasText = "Count me in" });
        await mine.HoverAsync();
        await mine.Locator("[data-testid=message-menu]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await mine.Locator("[data-testid=edit-message]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var editor = page.Locator("[data-testid=edit-body]");
        await Assertions.Expect(editor).ToBeFocusedAsync();
        Assert.Equal("Count me in".Length, await editor.EvaluateAsync<int>("e => e.selectionStart"));
    }

    [GeneratedRegex(@"^\(\d+\) ")]
    private static partial Regex CountedTitle();
}
