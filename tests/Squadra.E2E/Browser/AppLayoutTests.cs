using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Invitations;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// The app as an app (issue 22): a team's chat fills the screen at a laptop's and a phone's size with its composer
/// in view however long the history, the day's divider stays visible over the messages it heads, the ways out of a
/// team wait behind its settings menu, and a wide screen lists the teams beside every page.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AppLayoutTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    public static TheoryData<string, int, int> Sizes => new() { { "laptop", 1280, 800 }, { "phone", 390, 844 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ATeamsChatFillsTheScreenWithItsComposerInViewAndItsDangerBehindTheMenu(string device, int width, int height)
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Layout {device}");
        for (var i = 1; i <= 30; i++)
        {
            await ApiCalls.As(client, i % 2 == 0 ? ana : ben).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest($"Message number {i}"), ActionKey.NewKey())
                .ValueOrThrowAsync();
        }

        await using var context = await NewContextAsync(width, height);
        var page = await LogInAsync(context, ben.User.Username, then: $"/teams/{team.Id}");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveCountAsync(30, new() { Timeout = Patience });

        // The composer and its button are on screen, and the page itself does not scroll: only the messages do.
        await Assertions.Expect(page.Locator("#messageBody")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(page.Locator("[data-testid=send-message]")).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollHeight <= innerHeight"), "the page scrolls");
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= innerWidth"), "the page is wider than the screen");

        // Scrolled up into the day, its divider stays on top of the messages, not under a header.
        await page.Locator("[data-testid=chat-pane] .scroller").EvaluateAsync("scroller => scroller.scrollTop = -200");
        var dividerOnTop = await page.EvaluateAsync<bool>("""
            () => {
              const divider = document.querySelector('[data-testid=chat-pane] [data-testid=day-divider]');
              const box = divider.getBoundingClientRect();
              const scroller = document.querySelector('[data-testid=chat-pane] .scroller').getBoundingClientRect();
              const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              return box.top >= scroller.top - 1 && box.bottom <= scroller.bottom && divider.contains(seen);
            }
            """);
        Assert.True(dividerOnTop, "the day's divider is hidden");

        // Further up, a button leads back to the newest and counts what arrives meanwhile (issue 18, item 6).
        await page.Locator("[data-testid=chat-pane] .scroller").EvaluateAsync("scroller => scroller.scrollTop = -600");
        var jump = page.Locator("[data-testid=jump-to-newest]");
        await Assertions.Expect(jump).ToContainTextAsync("Latest messages", new() { Timeout = Patience });
        await ApiCalls.As(client, ana).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("Arrived while away"), ActionKey.NewKey()).ValueOrThrowAsync();
        await Assertions.Expect(jump).ToContainTextAsync("1 new message", new() { Timeout = Patience });
        await jump.ClickAsync();
        await Assertions.Expect(jump).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=message]", new() { HasText = "Arrived while away" })).ToBeInViewportAsync();

        // Leaving is one menu away, not a button beside the composer.
        await Assertions.Expect(page.Locator("[data-testid=leave-team]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=team-menu]");
        await Assertions.Expect(page.Locator("[data-testid=leave-team]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=leave-team]")).ToHaveCountAsync(0);

        if (width >= 900)
        {
            // A laptop lists the teams beside the page, the open one marked; the composer has the focus on arrival.
            await Assertions.Expect(page.Locator("[data-testid=sidebar-team].active")).ToContainTextAsync(team.Name);
            await page.GotoAsync($"/teams/{team.Id}");
            await Assertions.Expect(page.Locator("#messageBody")).ToBeFocusedAsync(new() { Timeout = Patience });
        }
        else
        {
            // A phone has no room for the sidebar: the members are a tab away.
            await Assertions.Expect(page.Locator("[data-testid=team-sidebar]")).ToBeHiddenAsync();
            await page.ClickAsync("[data-testid=team-tab-members]");
            await Assertions.Expect(page.Locator("[data-testid=member-row]")).ToHaveCountAsync(2, new() { Timeout = Patience });
        }
    }

    [Fact]
    public async Task AKeyboardAloneLogsInOpensATeamAndSendsAMessage()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Keyboard club");

        await using var context = await NewContextAsync(1280, 800);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#username").WaitForAsync(new() { Timeout = Patience });

        // The form in reading order (the page may already have put the cursor in it); Enter submits.
        await TabUntilFocusedAsync(page, "#username");
        await page.Keyboard.TypeAsync(ben.User.Username);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(ben.User.Username, new() { Timeout = Patience });

        // The sidebar's team is a few presses away; opening it puts the cursor in the message box.
        await TabUntilFocusedAsync(page, "[data-testid=sidebar-team]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#messageBody")).ToBeFocusedAsync(new() { Timeout = Patience });
        await page.Keyboard.TypeAsync("Sent without a mouse");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("Sent without a mouse", new() { Timeout = Patience });
        Assert.Equal(team.Id, page.Url.Split('/')[^1]);
    }

    [Fact]
    public async Task AKeyboardAloneAcceptsAnInvitationAndAnswersAnEvent()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.As(client, ana).CreateTeamAsync(new("Keyboard choir", ""), ActionKey.NewKey()).ValueOrThrowAsync();
        var start = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'18:30:00'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await ApiCalls.As(client, ana).CreateEventAsync(team.Id, new CreateEventRequest("Keyboard rehearsal", start, Location: "Hall"), ActionKey.NewKey())
            .ValueOrThrowAsync();
        await ApiCalls.As(client, ana).InviteAsync(team.Id, new InviteRequest(ben.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync(1280, 800);
        var page = await LogInAsync(context, ben.User.Username);
        await Assertions.Expect(page.Locator("[data-testid=invitation-count]")).ToHaveTextAsync("1", new() { Timeout = Patience });

        // The top bar's Invitations, then the invitation's Accept: the team's page opens.
        await TabUntilFocusedAsync(page, "[data-testid=nav-invitations]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=accept]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, "[data-testid=accept]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=team-name]")).ToHaveTextAsync("Keyboard choir", new() { Timeout = Patience });

        // The Calendar tab, then the event's "Going" (Space presses a button, as Enter does).
        await TabUntilFocusedAsync(page, "[data-testid=team-tab-calendar]");
        await page.Keyboard.PressAsync("Enter");
        var rehearsal = page.Locator("[data-testid=event-item]", new() { HasText = "Keyboard rehearsal" });
        await Assertions.Expect(rehearsal).ToBeVisibleAsync(new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, "[data-testid=event-item] [data-testid=rsvp-going]");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(rehearsal.Locator("[data-testid=rsvp-going]")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });
        await Assertions.Expect(rehearsal.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task AKeyboardAloneCreatesATeamAndOpensAndClosesTheBell()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");

        await using var context = await NewContextAsync(1280, 800);
        var page = await LogInAsync(context, ben.User.Username);

        // The empty home page's "Create your first team", its two fields, its button: the team's page opens.
        await TabUntilFocusedAsync(page, "[data-testid=create-first-team]");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "#teamName");
        await page.Keyboard.TypeAsync("Keyboard band");
        await TabUntilFocusedAsync(page, "#teamDescription");
        await page.Keyboard.TypeAsync("Made without a mouse.");
        await TabUntilFocusedAsync(page, "[data-testid=create-team-submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=team-name]")).ToHaveTextAsync("Keyboard band", new() { Timeout = Patience });

        // News arrives; the bell opens with Enter and Escape closes it, the focus back on the bell.
        var choir = await ApiCalls.As(client, ana).CreateTeamAsync(new("Ana's choir", ""), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ana).InviteAsync(choir.Id, new InviteRequest(ben.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();
        await Assertions.Expect(page.Locator("[data-testid=unread-count]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, "[data-testid=notification-bell]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=notification-panel]")).ToContainTextAsync("Ana's choir");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=notification-panel]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=notification-bell]")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task AKeyboardAloneSignsUpFromTheLandingPage()
    {
        var username = $"e2e_{Guid.NewGuid():N}"[..20];
        await using var context = await NewContextAsync(1280, 800);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-testid=landing-sign-up]").WaitForAsync(new() { Timeout = Patience });

        await TabUntilFocusedAsync(page, "[data-testid=landing-sign-up]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#username").WaitForAsync(new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, "#username");
        await page.Keyboard.TypeAsync(username);
        await TabUntilFocusedAsync(page, "#displayName");
        await page.Keyboard.TypeAsync("Keyboard Person");
        await TabUntilFocusedAsync(page, "#password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(username, new() { Timeout = Patience });
    }

    [Fact]
    public async Task AKeyboardAloneCreatesAnEventInTheDialog()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var team = await ApiCalls.As(client, ana).CreateTeamAsync(new("Keyboard quartet", ""), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync(1280, 800);
        var page = await LogInAsync(context, ana.User.Username, then: $"/teams/{team.Id}/calendar");
        await page.Locator("[data-testid=new-event]").WaitForAsync(new() { Timeout = Patience });

        // "New event", a title (the start is the next hour already), Enter: the dialog closes on the new event.
        await TabUntilFocusedAsync(page, "[data-testid=new-event]");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "#eventTitle");
        await page.Keyboard.TypeAsync("Keyboard gig");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=event-dialog]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=event-item]", new() { HasText = "Keyboard gig" })).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    [Fact]
    public async Task AKeyboardAloneInvitesFromTheMembersAside()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.As(client, ana).CreateTeamAsync(new("Keyboard trio", ""), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync(1280, 800);
        var page = await LogInAsync(context, ana.User.Username, then: $"/teams/{team.Id}");
        await page.Locator("#inviteUsername").WaitForAsync(new() { Timeout = Patience });

        // The aside's username field, a name, Enter: the invitation is listed as pending.
        await TabUntilFocusedAsync(page, "#inviteUsername");
        await page.Keyboard.TypeAsync(ben.User.Username);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=team-invitation]")).ToContainTextAsync(ben.User.DisplayName, new() { Timeout = Patience });
    }

    [Fact]
    public async Task AKeyboardAloneLeavesATeamThroughItsMenu()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Keyboard quintet");

        await using var context = await NewContextAsync(1280, 800);
        var page = await LogInAsync(context, ben.User.Username, then: $"/teams/{team.Id}");
        await page.Locator("[data-testid=team-menu]").WaitForAsync(new() { Timeout = Patience });

        // The ⋯ menu opens with Enter and Escape closes it, the focus back on its button.
        await TabUntilFocusedAsync(page, "[data-testid=team-menu]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=leave-team]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=leave-team]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=team-menu]")).ToBeFocusedAsync();

        // Open again; "Leave team", then its confirmation: the team is gone from the list.
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "[data-testid=leave-team]");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "[data-testid=leave-team-confirm]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/teams$"), new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=sidebar-team]", new() { HasText = "Keyboard quintet" })).ToHaveCountAsync(0, new() { Timeout = Patience });
    }

    [Fact]
    public async Task AKeyboardAloneEditsAndDeletesItsMessageThroughItsMenu()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Keyboard sextet");
        await ApiCalls.As(client, ben).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("Typo here"), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync(1280, 800);
        var page = await LogInAsync(context, ben.User.Username, then: $"/teams/{team.Id}");
        var mine = page.Locator("[data-testid=message]", new() { HasText = "Typo here" });
        await mine.WaitForAsync(new() { Timeout = Patience });

        // The message's ⋯, its Edit: the editor has the focus; the text, then Save.
        await TabUntilFocusedAsync(page, "[data-testid=message-menu]");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "[data-testid=edit-message]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=edit-body]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Fixed here");
        await TabUntilFocusedAsync(page, "[data-testid=save-edit]");
        await page.Keyboard.PressAsync("Enter");
        var fixedMessage = page.Locator("[data-testid=message]", new() { HasText = "Fixed here" });
        await Assertions.Expect(fixedMessage.Locator("[data-testid=message-edited]")).ToBeVisibleAsync(new() { Timeout = Patience });

        // The ⋯ again, Delete and its confirmation.
        await TabUntilFocusedAsync(page, "[data-testid=message-menu]");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "[data-testid=delete-message]");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "[data-testid=delete-message-confirm]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=message-deleted]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }

    [Fact]
    public async Task OnAPhoneOnesOwnMessageKeepsTheRowsWidthWithItsActionsBehindAMenu()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Phone septet");
        await ApiCalls.As(client, ben).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("Works for me. Boathouse as usual? I will bring the new oars and the cox box."), ActionKey.NewKey())
            .ValueOrThrowAsync();

        await using var context = await NewContextAsync(390, 844);
        var page = await LogInAsync(context, ben.User.Username, then: $"/teams/{team.Id}");
        var mine = page.Locator("[data-testid=message]", new() { HasText = "Boathouse" });
        await mine.WaitForAsync(new() { Timeout = Patience });

        // The ⋯ is there without a hover; the text takes the message's whole width beside the avatar.
        await Assertions.Expect(mine.Locator("[data-testid=message-menu]")).ToBeVisibleAsync();
        Assert.Equal("1", await mine.Locator(".actions").EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
        var widths = await mine.EvaluateAsync<double[]>("m => [m.querySelector('.main').getBoundingClientRect().width, m.querySelector('.message-body').getBoundingClientRect().width]");
        Assert.True(widths[1] >= widths[0] - 1, $"The text is {widths[1]} px wide in a {widths[0]} px column.");
        Assert.Empty(await mine.Locator("[data-testid=edit-message]").AllAsync());
    }

    [Fact]
    public async Task AKeyboardAloneChangesAnOccurrenceAndTheFollowingOnes()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima");
        var team = await ApiCalls.As(client, ana).CreateTeamAsync(new("Keyboard octet", ""), ActionKey.NewKey()).ValueOrThrowAsync();
        var start = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'18:00:00'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await ApiCalls.As(client, ana).CreateEventAsync(team.Id,
            new CreateEventRequest("Keyboard rehearsal", start, Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, Count: 3, TimeZone: "Europe/Rome")),
            ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync(1280, 800);
        var page = await LogInAsync(context, ana.User.Username, then: $"/teams/{team.Id}/calendar");
        var cards = page.Locator("[data-testid=event-item]", new() { HasText = "Keyboard rehearsal" });
        await Assertions.Expect(cards).ToHaveCountAsync(3, new() { Timeout = Patience });

        // The first occurrence's Edit, a place, then the scope question: the arrow keys move the choice from "This event"
        // to "This and following events"; then Save. Every occurrence moves to Hall B. (By way of "New event", the
        // first stop of the calendar.)
        await TabUntilFocusedAsync(page, "[data-testid=new-event]");
        await TabUntilFocusedAsync(page, "[data-testid=event-item] [data-testid=edit-event]");
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, "#eventLocation");
        await page.Keyboard.TypeAsync("Hall B");
        await TabUntilFocusedAsync(page, "[data-testid=scope-this]");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("[data-testid=scope-following]")).ToBeCheckedAsync();
        await TabUntilFocusedAsync(page, "[data-testid=save-event]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=event-dialog]")).ToHaveCountAsync(0, new() { Timeout = Patience });

        for (var i = 0; i < 3; i++)
        {
            await Assertions.Expect(cards.Nth(i)).ToContainTextAsync("Hall B", new() { Timeout = Patience });
        }
    }

    /// <summary>
    /// Presses Tab until the element has the focus: at most 15 times, else Shift+Tab back (the element may be just
    /// before where the page put the cursor, as a team's tabs are before its message box) at most 30 times; further
    /// than that, the journey is too long by keyboard.
    /// </summary>
    static async Task TabUntilFocusedAsync(IPage page, string selector)
    {
        foreach (var (key, presses) in new[] { ("Tab", 15), ("Shift+Tab", 30) })
        {
            for (var pressed = 0; pressed < presses; pressed++)
            {
                if (await page.Locator(selector).First.EvaluateAsync<bool>("element => element === document.activeElement"))
                {
                    return;
                }

                await page.Keyboard.PressAsync(key);
            }
        }

        Assert.Fail($"{selector} is neither 15 Tab nor 30 Shift+Tab presses away");
    }
}
