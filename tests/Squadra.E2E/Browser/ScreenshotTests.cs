using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Invitations;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Every screen at a laptop's and a phone's size (and the laptop's in the dark scheme), as a person meets them, saved to artifacts/screens/ on every run
/// (the README's pictures come from there): a look at the product, a check that each screen renders without a
/// console error under the gateway's Content-Security-Policy, and (issue 22) Deque's axe-core (from npm,
/// tests/clients/axe) finding no serious or critical violation on any of them, signed out and in. Lesser findings are
/// axe's "moderate"/"minor" (best practices). One scene and one walk for all three: each is a page load per screen.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ScreenshotTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    // Both sizes, and the laptop once more in the dark scheme (tokens.css follows the system's): every screen's contrast
    // is axe's to check in both.
    public static TheoryData<string, int, int> Sizes
    {
        get
        {
            var sizes = Screens.Sizes;
            sizes.Add(DarkLaptop, 1280, 800);
            return sizes;
        }
    }

    private const string DarkLaptop = "laptop-dark";

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EveryScreenRendersWithoutAConsoleErrorOrASeriousAccessibilityViolation(string device, int width, int height)
    {
        using var client = Stack.Client();
        // Usernames a person would choose (with a short random tail): the pictures show them (members, a mention).
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima", "ana.lima.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.okafor.");
        var cleo = await RunningStack.SignUpAsync(client, "Cleo Park", "cleo.park.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, "Rowing club");
        var invitation = await ApiCalls.As(client, ana).InviteAsync(team.Id, new InviteRequest(cleo.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, cleo).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey()).ValueOrThrowAsync();
        // The last one formatted (issue 18): the README's chat picture shows bold, a list and a code block.
        var chat = new[]
        {
            (ana, "Training moves to 18:30 on Thursday."),
            (ben, "Works for me. Boathouse as usual?"),
            // A mention of Ben, the viewer (issue 18): his name marked and the row highlighted for him.
            (ana, $"Yes, @{ben.User.Username} bring the new oars."),
            (ana, "**Warm-up** on the ergs first:\n- 10 min easy\n- 3 × 1 min at *race pace*\n```\n2k split target: 1:52.0\n```"),
        };
        var messages = new List<MessageDto>();
        foreach (var (who, body) in chat)
        {
            messages.Add(await ApiCalls.As(client, who).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest(body), ActionKey.NewKey()).ValueOrThrowAsync());
        }
        // Reactions: two thumbs up (Ben's own among them, so his chip is pressed) and a party.
        foreach (var (who, emoji) in new[] { (ben, "👍"), (cleo, "👍"), (cleo, "🎉") })
        {
            await ApiCalls.As(client, who).AddReactionAsync(ChatKey.Team(team.Id), messages[0].Id, emoji).ValueOrThrowAsync();
        }
        // Two places: Ana (the organiser, going at once) and Ben take them, Cleo waits; answers close the day before.
        // It repeats weekly, three times: the first occurrence is the one answered.
        var start = DateTimeOffset.UtcNow.AddDays(2);
        var training = await ApiCalls.As(client, ana).CreateEventAsync(team.Id,
            new CreateEventRequest("Thursday training", EventInstant(start), Location: "Boathouse", Description: "Bring the new oars.",
                Capacity: 2, RsvpDeadline: EventInstant(start.AddDays(-1)), CreatorGoing: true,
                Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, Count: 3, TimeZone: "Europe/Rome")),
            ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ben).RsvpAsync(team.Id, training.Id, "going").ValueOrThrowAsync();
        await ApiCalls.As(client, cleo).RsvpAsync(team.Id, training.Id, "going").ValueOrThrowAsync();
        // A later one that asks Ben for an answer within the next 20-35 s, for the notification centre's answer buttons.
        await ApiCalls.As(client, ana).CreateEventAsync(team.Id, ApiCalls.AnswerRequestedSoon("Spring regatta", "Lake", capacity: 12), ActionKey.NewKey())
            .ValueOrThrowAsync();
        // An invitation Ben has not answered yet, for the invitations screen.
        var choir = await ApiCalls.As(client, ana).CreateTeamAsync(new("Choir", ""), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ana).InviteAsync(choir.Id, new InviteRequest(ben.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();

        await using var context = await NewContextAsync(width, height, dark: device == DarkLaptop);
        // axe comes with every document as an init script, which the page's Content-Security-Policy does not govern
        // (a script tag added to the page would be refused by it).
        await Screens.AddAxeAsync(context);
        var page = await context.NewPageAsync();
        var findings = new List<string>();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-testid=landing]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "landing", device);
        findings.AddRange(await AuditAsync(page, "landing"));
        await page.GotoAsync("/login");
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "login", device);
        findings.AddRange(await AuditAsync(page, "login"));
        await page.GotoAsync("/register");
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "register", device);
        findings.AddRange(await AuditAsync(page, "register"));

        await page.GotoAsync("/login");
        await page.FillAsync("#username", ben.User.Username);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=team-item]")).ToContainTextAsync("Rowing club", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=upcoming-event]").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await SaveAsync(page, "home", device);
        findings.AddRange(await AuditAsync(page, "home"));

        await page.Locator("[data-testid=team-item] a").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveCountAsync(4, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=reaction]")).ToHaveCountAsync(2);
        // Cleo is online and typing (issue 19): a green dot on her row among the members, and the line under the chat.
        await using (var cleoOnline = await ChatSubscriber.ConnectAsync(Stack.Gateway, cleo, ChatKey.Team(team.Id)))
        {
            await ShowTypingAsync(page, cleoOnline, ChatKey.Team(team.Id), "Cleo Park is typing…");
            await SaveAsync(page, "team-chat", device);
        }
        findings.AddRange(await AuditAsync(page, "team-chat"));

        await page.GotoAsync($"/teams/{team.Id}/calendar");
        await Assertions.Expect(page.GetByText("Thursday training").First).ToBeVisibleAsync(new() { Timeout = Patience });
        var card = page.Locator($"[data-testid=event-item][data-event-id='{training.Id}']");
        await Assertions.Expect(card.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full · 1 waiting");
        await card.Locator("[data-testid=toggle-attendance]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=attendance-waitlisted]")).ToContainTextAsync("Cleo Park", new() { Timeout = Patience });
        await SaveAsync(page, "team-calendar", device);
        findings.AddRange(await AuditAsync(page, "team-calendar"));
        await AssertNothingScrollsSidewaysAsync(page, "the calendar");
        // The month: on a phone a compact grid of days with a dot per event, and the picked day's events listed under it.
        var month = page.Locator("[data-testid=month-view]");
        await month.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(month.Locator("[data-testid=month-day-list]")).ToBeVisibleAsync();
        await month.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath("calendar-month", device) });

        await page.ClickAsync("[data-testid=new-event]");
        await page.FillAsync("#eventTitle", "Saturday regatta");
        await page.FillAsync("#eventStartsAt", LocalInput(DateTime.Now.Date.AddDays(5).AddHours(9)));
        await page.FillAsync("#eventCapacity", "12");
        await page.FillAsync("#eventRsvpDeadline", LocalInput(DateTime.Now.Date.AddDays(3).AddHours(20)));
        await page.SelectOptionAsync("#eventRepeat", EventRules.FrequencyWeekly);
        await page.SelectOptionAsync("#eventRepeatEnd", "count");
        await page.FillAsync("#eventRepeatCount", "6");
        // However long the dialog, its buttons stay in view (its body scrolls).
        await Assertions.Expect(page.Locator("[data-testid=save-event]")).ToBeInViewportAsync();
        await SaveAsync(page, "event-dialog", device);
        findings.AddRange(await AuditAsync(page, "event-dialog"));
        await AssertNothingScrollsSidewaysAsync(page, "the event dialog");
        // The dialog's last fields, below the fold of its scrolling body.
        await page.Locator("#eventRsvpRequestLead").ScrollIntoViewIfNeededAsync();
        await SaveAsync(page, "event-dialog-end", device);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=event-dialog]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=feed-google]").ScrollIntoViewIfNeededAsync();
        await SaveAsync(page, "calendar-feed", device);

        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByText("Thursday training").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("[data-testid=notification-answer]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await SaveAsync(page, "notifications", device);
        findings.AddRange(await AuditAsync(page, "notifications"));
        await page.ClickAsync("[data-testid=notification-bell]");
        await Assertions.Expect(page.Locator("[data-testid=notification-panel]")).ToBeVisibleAsync();
        await SaveAsync(page, "notification-bell", device);

        await page.GotoAsync("/invitations");
        await Assertions.Expect(page.Locator("[data-testid=invitation-item]")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await SaveAsync(page, "invitations", device);
        findings.AddRange(await AuditAsync(page, "invitations"));

        Assert.Empty(errors);
        Assert.True(findings.Count == 0, $"{device}:\n{string.Join('\n', findings)}");
    }

    /// <summary>Runs axe on the page as it is; each serious or critical violation as "screen: rule (impact): where".</summary>
    static async Task<IReadOnlyList<string>> AuditAsync(IPage page, string screen)
    {
        var violations = await Screens.SeriousAccessibilityViolationsAsync(page);
        return [.. violations.Select(violation => $"{screen}: {violation}")];
    }

    private static string LocalInput(DateTime local) => local.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string EventInstant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'18:30:00'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task SaveAsync(IPage page, string screen, string device) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(screen, device) });

    private static string ScreenshotPath(string screen, string device) => Screens.PathOf($"{screen}-{device}");

    /// <summary>
    /// Has <paramref name="typist"/> type until the page shows it: a signal that reached the page before its hub
    /// connection was up is lost, and the server passes on one signal in 2 s.
    /// </summary>
    private static async Task ShowTypingAsync(IPage page, ChatSubscriber typist, ChatKey chat, string line)
    {
        var shown = page.Locator("[data-testid=typing-line]", new() { HasText = line });
        for (var attempt = 0; attempt < 15; attempt++)
        {
            await typist.TypingAsync(chat);
            try
            {
                // Shown for 5 s after the signal: the picture is taken well within that.
                await Assertions.Expect(shown).ToBeVisibleAsync(new() { Timeout = 2_100 });
                return;
            }
            catch (PlaywrightException) when (attempt < 14)
            {
                // Not shown yet: the next signal, now that the 2 s have passed.
            }
        }
    }

    /// <summary>A page wider than the window makes a phone user pan sideways to read it.</summary>
    private static async Task AssertNothingScrollsSidewaysAsync(IPage page, string screen)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{screen} is {widths[0]} px wide in a {widths[1]} px window.");
    }
}
