using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// "Pause notifications" across two devices of one person: Ben pauses from the bell of his laptop; his phone's bell
/// shows the moon at once, and Ana, on the team's page, "Notifications paused" on his row; a mention still comes to the
/// bell (a pause keeps push and email away, not the app); he resumes on the phone and the laptop's moon and Ana's mark
/// go; then he pauses until a moment of his own, typed on the laptop, which the phone shows. Pictures (artifacts/screens/): notifications-pause-laptop (the lengths offered),
/// notifications-paused-phone (paused, until when), notifications-pause-custom-laptop (the field), member-paused-laptop
/// and dm-paused-laptop/-phone (Ana's view), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class PauseJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task APauseChosenOnTheLaptopShowsOnThePhoneKeepsTheBellCountingAndEndsFromThePhoneAndACustomOneFollows()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Pause {Guid.NewGuid():N}"[..14]);

        await using var laptopContext = await NewContextAsync(1280, 800);
        await using var phoneContext = await NewContextAsync(390, 844);
        await Screens.AddAxeAsync(laptopContext);
        await Screens.AddAxeAsync(phoneContext);
        await using var anasContext = await NewContextAsync(1280, 800);
        await Screens.AddAxeAsync(anasContext);
        var laptop = await LogInAsync(laptopContext, ben.User.Username);
        var phone = await LogInAsync(phoneContext, ben.User.Username);
        var anas = await LogInAsync(anasContext, ana.User.Username, then: $"/teams/{team.Id}");
        var bensRow = anas.Locator($"[data-testid=member-row][data-username='{ben.User.Username}']");
        await Assertions.Expect(bensRow).ToBeVisibleAsync(new() { Timeout = Patience });

        // The laptop: the bell's panel offers the lengths; "For 1 hour".
        await laptop.ClickAsync("[data-testid=notification-bell]");
        await laptop.ClickAsync("[data-testid=pause-notifications]");
        var lengths = laptop.Locator("[data-testid=pause-choice]");
        await Assertions.Expect(lengths.First).ToHaveTextAsync("For 30 minutes");
        await Assertions.Expect(lengths.Nth(3)).ToHaveTextAsync("Until tomorrow, 09:00");
        await Screens.PhotographAndAuditAsync(laptop, "notifications-pause-laptop");
        await lengths.Nth(1).ClickAsync();
        await Assertions.Expect(laptop.Locator("[data-testid=paused-until]")).ToHaveTextAsync(PausedWords(), new() { Timeout = Patience });
        await Assertions.Expect(laptop.Locator("[data-testid=bell-paused]")).ToBeVisibleAsync();

        // Ana, on the team's page, sees it on Ben's row: what she sends him now, he will see later.
        await Assertions.Expect(bensRow.Locator("[data-testid=presence-paused]")).ToHaveTextAsync("Notifications paused", new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(anas, "member-paused-laptop");
        // Their DM's header says until when; on a phone's width it goes under the name rather than off the edge.
        await bensRow.Locator("[data-testid=message-member]").ClickAsync();
        await Assertions.Expect(anas.Locator("[data-testid=dm-name]")).ToHaveTextAsync("Ben Okafor", new() { Timeout = Patience });
        await Assertions.Expect(anas.Locator("[data-testid=presence-paused]")).ToHaveTextAsync(PausedWords(), new() { Timeout = Patience });
        await Screens.PhotographAndAuditAsync(anas, "dm-paused-laptop");
        await anas.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(anas.Locator("[data-testid=presence-paused]")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Screens.PhotographAndAuditAsync(anas, "dm-paused-phone");

        // The phone shows it at once, and the bell still counts what comes.
        await Assertions.Expect(phone.Locator("[data-testid=bell-paused]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await ApiCalls.As(client, ana).PostMessageAsync(ChatKey.Team(team.Id), new PostMessageRequest($"@{ben.User.Username} are you in on Saturday?"),
            ActionKey.NewKey()).ValueOrThrowAsync();
        await Assertions.Expect(phone.Locator("[data-testid=unread-count]")).ToHaveTextAsync("2", new() { Timeout = Patience });
        await phone.ClickAsync("[data-testid=notification-bell]");
        await Assertions.Expect(phone.Locator("[data-testid=paused-until]")).ToHaveTextAsync(
            await laptop.Locator("[data-testid=paused-until]").TextContentAsync() ?? "");
        await Screens.PhotographAndAuditAsync(phone, "notifications-paused-phone");

        // Resumed on the phone: the laptop's moon goes, and the line in Ana's DM header.
        await phone.ClickAsync("[data-testid=resume-notifications]");
        await Assertions.Expect(phone.Locator("[data-testid=pause-notifications]")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(laptop.Locator("[data-testid=bell-paused]")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(anas.Locator("[data-testid=presence-paused]")).ToHaveCountAsync(0, new() { Timeout = Patience });

        // A moment of one's own: tomorrow at 21:30, typed into the laptop's date-and-time field (the browser's zone is
        // the machine's, as this process's).
        var tomorrow = DateOnly.FromDateTime(DateTime.Now).AddDays(1);
        await laptop.ClickAsync("[data-testid=pause-notifications]");
        await laptop.ClickAsync("[data-testid=pause-custom]");
        var field = laptop.Locator("[data-testid=pause-at]");
        await Assertions.Expect(field).ToBeFocusedAsync();
        await field.FillAsync($"{tomorrow:yyyy-MM-dd}T21:30");
        await Assertions.Expect(laptop.Locator("[data-testid=pause-at] + .words")).ToHaveTextAsync("Tomorrow, 21:30");
        await Screens.PhotographAndAuditAsync(laptop, "notifications-pause-custom-laptop");
        await laptop.ClickAsync("[data-testid=pause-set]");
        await Assertions.Expect(phone.Locator("[data-testid=paused-until]")).ToHaveTextAsync("Paused until tomorrow, 21:30", new() { Timeout = Patience });
    }

    // "For 1 hour" ends today until late evening and tomorrow after: a run crossing midnight must accept both.
    [GeneratedRegex(@"^\s*(Notifications p|P)aused until (today|tomorrow), \d{2}:\d{2}\s*$")]
    private static partial Regex PausedWords();
}
