using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class EventJourneyTests(RunningStack stack) : BrowserJourney(stack)
{
    [Fact]
    public async Task AnEventCreatedInTheDialogReachesTheTeamLiveAndAnRsvpCountsForEveryoneAtOnce()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client);
        var bob = await RunningStack.SignUpAsync(client);
        var team = await TeamOfTwoAsync(client, alice, bob);
        await using var aliceContext = await NewContextAsync();
        await using var bobContext = await NewContextAsync();
        var alicePage = await LogInAsync(aliceContext, alice.User.Username);
        var bobPage = await LogInAsync(bobContext, bob.User.Username);
        var aliceLoads = CountFullPageLoads(alicePage);
        var bobLoads = CountFullPageLoads(bobPage);
        await Assertions.Expect(bobPage.Locator("[data-testid=unread-count]")).ToHaveCountAsync(0);

        // Alice opens the team's calendar and creates an event through the dialog.
        await alicePage.Locator("[data-testid=team-item] a").ClickAsync();
        await alicePage.ClickAsync("[data-testid=team-tab-calendar]");
        await Assertions.Expect(alicePage.Locator("[data-testid=month-view]")).ToBeVisibleAsync(new() { Timeout = Patience });
        var title = $"Rehearsal {Guid.NewGuid():N}"[..16];
        var startsAt = DateTime.Now.Date.AddDays(2).AddHours(18);
        await alicePage.ClickAsync("[data-testid=new-event]");
        await alicePage.FillAsync("#eventTitle", title);
        await alicePage.FillAsync("#eventStartsAt", startsAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await alicePage.FillAsync("#eventEndsAt", startsAt.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await alicePage.FillAsync("#eventLocation", "Hall B");
        await alicePage.FillAsync("#eventDescription", "Bring the new scores.");
        await alicePage.ClickAsync("[data-testid=save-event]");
        var aliceEvent = alicePage.Locator("[data-testid=event-item]", new() { HasText = title });
        await Assertions.Expect(aliceEvent).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(aliceEvent).ToContainTextAsync("18:00–20:00");
        await Assertions.Expect(aliceEvent.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("0");

        // Bob's bell counts it live and says what it is; its link opens the event in the team's calendar.
        await Assertions.Expect(bobPage.Locator("[data-testid=unread-count]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await bobPage.ClickAsync("[data-testid=notification-bell]");
        var notification = bobPage.Locator("[data-testid=notification-item]").First;
        await Assertions.Expect(notification).ToContainTextAsync($"New event in {team.Name}: {title}");
        await notification.ClickAsync();
        var bobEvent = bobPage.Locator("[data-testid=event-item]", new() { HasText = title });
        await Assertions.Expect(bobEvent).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(bobPage.Locator("[data-testid=month-view]")).ToBeVisibleAsync();

        // Bob is going: his answer is pressed, and Alice, who never left the calendar, sees the count move.
        await bobEvent.Locator("[data-testid=rsvp-going]").ClickAsync();
        await Assertions.Expect(bobEvent.Locator("[data-testid=rsvp-going]")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });
        await Assertions.Expect(bobEvent.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(aliceEvent.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("1", new() { Timeout = Patience });
        await Assertions.Expect(aliceEvent.Locator("[data-testid=rsvp-going]")).ToHaveAttributeAsync("aria-pressed", "false");

        // The notification centre lists it too, with the link into the calendar.
        await bobPage.ClickAsync("[data-testid=nav-notifications]");
        await Assertions.Expect(bobPage.Locator("[data-testid=notification-row]", new() { HasText = title }))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"teams/{team.Id}/calendar\\?event="));
        Assert.Equal(0, aliceLoads());
        Assert.Equal(0, bobLoads());
    }

    /// <summary>A team of two made through the API: the calendar is what is tested here.</summary>
    private static async Task<TeamDto> TeamOfTwoAsync(HttpClient client, LoginResponse owner, LoginResponse member)
    {
        var team = await ApiCalls.TeamOfTwoAsync(client, owner, member, $"Band {Guid.NewGuid():N}"[..13]);
        // The invitation was news; the event is the only notification the member's bell should count.
        using var read = RunningStack.Authorized(HttpMethod.Post, "/api/notifications/read", member.AccessToken);
        read.Content = JsonContent.Create(new MarkReadRequest(long.MaxValue));
        using var answer = await client.SendAsync(read);
        answer.EnsureSuccessStatusCode();
        return team;
    }
}
