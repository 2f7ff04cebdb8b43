using System.Globalization;
using Microsoft.Playwright;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>A recurring series made and changed in the browser, against the real stack.</summary>
[Collection(StackCollection.Name)]
public sealed class SeriesJourneyTests(RunningStack stack) : BrowserJourney(stack)
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
}
