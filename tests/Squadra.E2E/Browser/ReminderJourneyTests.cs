using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// A reminder on a saved message, across two devices of one person: Ben, on the Saved page of his laptop, asks to be
/// reminded of Ana's message in 20 minutes; his phone, open on the same page, shows when at once. Moved to a moment a
/// few seconds ahead, it goes off: the bell of both devices counts it, the button says "Remind me" again, and the
/// notification opens the message in its chat, where "Remind me…" in its ⋯ menu sets one again, which the laptop's Saved
/// page shows. Pictures (artifacts/screens/): saved-reminder-menu-laptop (the menu open), saved-reminder-phone (the
/// reminder set), message-reminder-phone (the message's menu with its moments), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class ReminderJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    // "In 20 minutes" and "In 1 hour" are today's until late evening and tomorrow's after: a run crossing midnight (as
    // CI's did) must accept both.
    [GeneratedRegex(@"^(Today|Tomorrow), \d{2}:\d{2}$")]
    private static partial Regex SoonWords { get; }

    [Fact]
    public async Task AReminderAskedForOnTheLaptopShowsOnThePhoneAndGoesOffOnBothOpeningTheMessage()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Remind {Guid.NewGuid():N}"[..15]);
        var report = await ApiCalls.As(client, ana)
            .PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest("Send the league our **match report** by Friday"), ActionKey.NewKey())
            .ValueOrThrowAsync();
        var asBen = ApiCalls.As(client, ben);
        await asBen.SaveMessageAsync(ChatKey.Team(team.Id), report.Id, saved: true).ValueOrThrowAsync();

        await using var laptopContext = await NewContextAsync(1280, 800);
        await using var phoneContext = await NewContextAsync(390, 844);
        await Screens.AddAxeAsync(laptopContext);
        await Screens.AddAxeAsync(phoneContext);
        var laptop = await LogInAsync(laptopContext, ben.User.Username, then: "/saved");
        var phone = await LogInAsync(phoneContext, ben.User.Username, then: "/saved");
        var onLaptop = laptop.Locator("[data-testid=saved-item]");
        var onPhone = phone.Locator("[data-testid=saved-item]");
        await Assertions.Expect(onLaptop.Locator("[data-testid=reminder-menu]")).ToContainTextAsync("Remind me", new() { Timeout = Patience });
        await Assertions.Expect(onPhone.Locator("[data-testid=reminder-menu]")).ToContainTextAsync("Remind me", new() { Timeout = Patience });

        // The laptop: the menu of moments, then "In 20 minutes".
        await onLaptop.Locator("[data-testid=reminder-menu]").ClickAsync();
        var choices = onLaptop.Locator("[data-testid=reminder-choice]");
        await Assertions.Expect(choices.First).ToHaveTextAsync("In 20 minutes");
        await Assertions.Expect(choices.Nth(3)).ToContainTextAsync("Tomorrow, 09:00");
        var moments = await choices.CountAsync();
        await Screens.PhotographAndAuditAsync(laptop, "saved-reminder-menu-laptop");
        await choices.First.ClickAsync();
        await Assertions.Expect(onLaptop.Locator("[data-testid=reminder-at]")).ToHaveTextAsync(SoonWords, new() { Timeout = Patience });

        // The phone shows it at once.
        await Assertions.Expect(onPhone.Locator("[data-testid=reminder-at]")).ToHaveTextAsync(
            await onLaptop.Locator("[data-testid=reminder-at]").TextContentAsync() ?? "", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(phone, "saved-reminder-phone");

        // Moved to a few seconds from now: it goes off within a sweep (10 s), on both devices (his invitation was his
        // one notification so far).
        await asBen.SetReminderAsync(report.Id, DateTimeOffset.UtcNow.AddSeconds(3)).ValueOrThrowAsync();
        foreach (var page in new[] { laptop, phone })
        {
            await Assertions.Expect(page.Locator("[data-testid=unread-count]")).ToHaveTextAsync("2", new() { Timeout = Patience });
            await Assertions.Expect(page.Locator("[data-testid=saved-item] [data-testid=reminder-menu]")).ToContainTextAsync("Remind me", new() { Timeout = Patience });
        }

        // The phone's bell: the reminder says whose message, where and what, and opens it in its chat.
        await phone.ClickAsync("[data-testid=notification-bell]");
        var notification = phone.Locator("[data-testid=notification-item]", new() { HasText = "Reminder:" });
        await Assertions.Expect(notification).ToContainTextAsync($"Reminder: Ana Lima's message in {team.Name}: Send the league our **match report**",
            new() { Timeout = Patience });
        await notification.ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=team-name]")).ToHaveTextAsync(team.Name, new() { Timeout = Patience });
        var inChat = ChatJourneyTests.Message(phone, "Send the league our");
        await Assertions.Expect(inChat).ToBeVisibleAsync(new() { Timeout = Patience });

        // From the message itself: "Remind me…" in its ⋯ menu offers the same moments, and sets the reminder again.
        await inChat.Locator("[data-testid=message-menu]").ClickAsync();
        await inChat.Locator("[data-testid=remind-message]").ClickAsync();
        var fromMenu = inChat.Locator("[data-testid=message-reminder-choice]");
        await Assertions.Expect(fromMenu).ToHaveCountAsync(moments);
        await Screens.PhotographAndAuditAsync(phone, "message-reminder-phone");
        await fromMenu.Nth(1).ClickAsync();
        await Assertions.Expect(onLaptop.Locator("[data-testid=reminder-at]")).ToHaveTextAsync(SoonWords, new() { Timeout = Patience });
    }
}
