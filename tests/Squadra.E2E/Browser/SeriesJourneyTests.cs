using System.Globalization;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Contracts.Invitations;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>A recurring series made and changed in the browser, against the real stack.</summary>
[Collection(StackCollection.Name)]
public sealed class SeriesJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task AWeeklySeriesOfFourIsCreatedInTheDialogAndAChangeToThisAndFollowingReachesTheLaterOccurrencesOnly()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client);
        var bob = await RunningStack.SignUpAsync(client);
        await ApiCalls.TeamOfTwoAsync(client, alice, bob, $"Choir {Guid.NewGuid():N}"[..14]);
        await using var context = await NewContextAsync();
        var page = await LogInAsync(context, alice.User.Username);
        var loads = CountFullPageLoads(page);

        // Alice makes a weekly rehearsal, four times, in the dialog: the start's week day is chosen for her.
        await page.Locator("[data-testid=team-item] a").ClickAsync();
        await page.ClickAsync("[data-testid=team-tab-calendar]");
        await Assertions.Expect(page.Locator("[data-testid=month-view]")).ToBeVisibleAsync(new() { Timeout = Patience });
        var title = $"Weekly {Guid.NewGuid():N}"[..14];
        var startsAt = DateTime.Now.Date.AddDays(2).AddHours(18);
        await page.ClickAsync("[data-testid=new-event]");
        await page.FillAsync("#eventTitle", title);
        await page.FillAsync("#eventStartsAt", startsAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#eventRepeat", "weekly");
        var startDay = startsAt.DayOfWeek.ToString()[..2].ToUpperInvariant();
        await Assertions.Expect(page.Locator($"[data-testid=repeat-day-{startDay}]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.SelectOptionAsync("#eventRepeatEnd", "count");
        await page.FillAsync("#eventRepeatCount", "4");
        await Assertions.Expect(page.Locator("[data-testid=repeat-summary]")).ToContainTextAsync("Repeats weekly on");
        await page.ClickAsync("[data-testid=save-event]");

        // Four occurrences, a week apart, each saying it repeats.
        var cards = page.Locator("[data-testid=event-item]", new() { HasText = title });
        await Assertions.Expect(cards).ToHaveCountAsync(4, new() { Timeout = Patience });
        for (var i = 0; i < 4; i++)
        {
            await Assertions.Expect(cards.Nth(i)).ToContainTextAsync("18:00");
            await Assertions.Expect(cards.Nth(i).Locator("[data-testid=event-repeats]")).ToContainTextAsync("Repeats weekly on");
        }

        // From the second on, rehearsals move to 18:30 in Hall B: she says "this and following".
        await cards.Nth(1).Locator("[data-testid=edit-event]").ClickAsync();
        var start = await page.InputValueAsync("#eventStartsAt");
        await page.FillAsync("#eventStartsAt", $"{start[..11]}18:30");
        await page.FillAsync("#eventLocation", "Hall B");
        await page.CheckAsync("[data-testid=scope-following]");
        await page.ClickAsync("[data-testid=save-event]");
        await Assertions.Expect(page.Locator("[data-testid=event-dialog]")).ToHaveCountAsync(0, new() { Timeout = Patience });

        for (var i = 1; i < 4; i++)
        {
            await Assertions.Expect(cards.Nth(i)).ToContainTextAsync("18:30 · Hall B", new() { Timeout = Patience });
        }
        await Assertions.Expect(cards.Nth(0)).ToContainTextAsync("18:00");
        await Assertions.Expect(cards.Nth(0)).Not.ToContainTextAsync("Hall B");
        Assert.Equal(0, loads());
    }

    [Fact]
    public async Task AWeeklySeriesWithOnePlaceWaitlistsTheSecondMemberOnAnOccurrenceAndPromotesThemLiveWhenTheFirstDeclines()
    {
        using var client = Stack.Client();
        var owner = await RunningStack.SignUpAsync(client);
        var anna = await RunningStack.SignUpAsync(client);
        var ben = await RunningStack.SignUpAsync(client);
        var team = await ApiCalls.TeamOfTwoAsync(client, owner, anna, $"Crew {Guid.NewGuid():N}"[..13]);
        var invitation = await ApiCalls.As(client, owner).InviteAsync(team.Id, new InviteRequest(ben.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ben).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey()).ValueOrThrowAsync();

        // The owner makes a weekly training, three times, with one place, which she leaves free.
        var title = $"Training {Guid.NewGuid():N}"[..16];
        await using (var ownerContext = await NewContextAsync())
        {
            var ownerPage = await LogInAsync(ownerContext, owner.User.Username);
            await OpenCalendarAsync(ownerPage);
            await ownerPage.ClickAsync("[data-testid=new-event]");
            await ownerPage.FillAsync("#eventTitle", title);
            await ownerPage.FillAsync("#eventStartsAt", DateTime.Now.Date.AddDays(2).AddHours(18).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await ownerPage.FillAsync("#eventCapacity", "1");
            await ownerPage.UncheckAsync("#eventCreatorGoing");
            await ownerPage.SelectOptionAsync("#eventRepeat", "weekly");
            await ownerPage.SelectOptionAsync("#eventRepeatEnd", "count");
            await ownerPage.FillAsync("#eventRepeatCount", "3");
            await ownerPage.ClickAsync("[data-testid=save-event]");
            await Assertions.Expect(Cards(ownerPage, title)).ToHaveCountAsync(3, new() { Timeout = Patience });
        }

        await using var annaContext = await NewContextAsync();
        await using var benContext = await NewContextAsync();
        var annaPage = await LogInAsync(annaContext, anna.User.Username);
        var benPage = await LogInAsync(benContext, ben.User.Username);
        var benLoads = CountFullPageLoads(benPage);
        await OpenCalendarAsync(annaPage);
        await OpenCalendarAsync(benPage);
        var annaSecond = Cards(annaPage, title).Nth(1);
        var benSecond = Cards(benPage, title).Nth(1);
        var benGoing = benSecond.Locator("[data-testid=rsvp-going]");

        // Anna takes the second training's place; Ben's screen sees it full, live.
        await annaSecond.Locator("[data-testid=rsvp-going]").ClickAsync();
        await Assertions.Expect(annaSecond.Locator("[data-testid=rsvp-going]")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });
        await Assertions.Expect(benSecond.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full", new() { Timeout = Patience });

        // Ben says going: he is waitlisted for that one, and the first and third still have their place free.
        await Assertions.Expect(benGoing).ToContainTextAsync("Join waitlist");
        await benGoing.ClickAsync();
        await Assertions.Expect(benGoing).ToContainTextAsync("Waitlisted", new() { Timeout = Patience });
        await Assertions.Expect(benGoing).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(benSecond.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full · 1 waiting");
        await Assertions.Expect(Cards(benPage, title).Nth(0).Locator("[data-testid=rsvp-going]")).Not.ToContainTextAsync("Join waitlist");
        await Assertions.Expect(Cards(benPage, title).Nth(2).Locator("[data-testid=rsvp-going]")).Not.ToContainTextAsync("Join waitlist");

        // Anna can't go after all: Ben's screen says he is going now, without a reload.
        await Assertions.Expect(annaSecond.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full · 1 waiting", new() { Timeout = Patience });
        await annaSecond.Locator("[data-testid=rsvp-declined]").ClickAsync();
        await Assertions.Expect(benGoing).Not.ToContainTextAsync("Waitlisted", new() { Timeout = Patience });
        await Assertions.Expect(benGoing).ToContainTextAsync("Going");
        await Assertions.Expect(benGoing).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(benSecond.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full");
        Assert.Equal(0, benLoads());
    }

    private static ILocator Cards(IPage page, string title) => page.Locator("[data-testid=event-item]", new() { HasText = title });

    private static async Task OpenCalendarAsync(IPage page)
    {
        await page.Locator("[data-testid=team-item] a").ClickAsync();
        await page.ClickAsync("[data-testid=team-tab-calendar]");
        await Assertions.Expect(page.Locator("[data-testid=month-view]")).ToBeVisibleAsync(new() { Timeout = Patience });
    }
}
