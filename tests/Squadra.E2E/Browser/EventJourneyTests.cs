using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

[Collection(StackCollection.Name)]
public sealed class EventJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
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
        // "I'm going" is checked by default: the organiser counts at once.
        await Assertions.Expect(aliceEvent.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(aliceEvent.Locator("[data-testid=rsvp-going]")).ToHaveAttributeAsync("aria-pressed", "true");

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
        await Assertions.Expect(bobEvent.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("2");
        await Assertions.Expect(aliceEvent.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("2", new() { Timeout = Patience });
        await Assertions.Expect(aliceEvent.Locator("[data-testid=rsvp-maybe]")).ToHaveAttributeAsync("aria-pressed", "false");

        // The notification centre lists it too, with the link into the calendar.
        await bobPage.ClickAsync("[data-testid=notification-bell]");
        await bobPage.ClickAsync("[data-testid=all-notifications]");
        await Assertions.Expect(bobPage.Locator("[data-testid=notification-row]", new() { HasText = title }))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"teams/{team.Id}/calendar\\?event="));
        Assert.Equal(0, aliceLoads());
        Assert.Equal(0, bobLoads());
    }

    [Fact]
    public async Task AWaitlistedMemberGetsThePlaceWhenTheOneGoingDeclines()
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

        // Alice makes an event with one place, and takes it ("I'm going" is checked).
        await alicePage.Locator("[data-testid=team-item] a").ClickAsync();
        await alicePage.ClickAsync("[data-testid=team-tab-calendar]");
        await Assertions.Expect(alicePage.Locator("[data-testid=month-view]")).ToBeVisibleAsync(new() { Timeout = Patience });
        var title = $"Boat {Guid.NewGuid():N}"[..12];
        await alicePage.ClickAsync("[data-testid=new-event]");
        await alicePage.FillAsync("#eventTitle", title);
        await alicePage.FillAsync("#eventStartsAt", DateTime.Now.Date.AddDays(3).AddHours(9).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await alicePage.FillAsync("#eventCapacity", "1");
        await Assertions.Expect(alicePage.Locator("#eventCreatorGoing")).ToBeCheckedAsync();
        await alicePage.ClickAsync("[data-testid=save-event]");
        var aliceEvent = alicePage.Locator("[data-testid=event-item]", new() { HasText = title });
        await Assertions.Expect(aliceEvent.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full", new() { Timeout = Patience });

        // Bob finds it full: his "going" joins the waitlist.
        await bobPage.Locator("[data-testid=team-item] a").ClickAsync();
        await bobPage.ClickAsync("[data-testid=team-tab-calendar]");
        var bobEvent = bobPage.Locator("[data-testid=event-item]", new() { HasText = title });
        var bobGoing = bobEvent.Locator("[data-testid=rsvp-going]");
        await Assertions.Expect(bobGoing).ToContainTextAsync("Join waitlist", new() { Timeout = Patience });
        await bobGoing.ClickAsync();
        await Assertions.Expect(bobGoing).ToContainTextAsync("Waitlisted", new() { Timeout = Patience });
        await Assertions.Expect(bobGoing).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(bobEvent.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full · 1 waiting");

        // Alice opens who's coming: herself going, Bob first on the waitlist.
        await Assertions.Expect(aliceEvent.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full · 1 waiting", new() { Timeout = Patience });
        await aliceEvent.Locator("[data-testid=toggle-attendance]").ClickAsync();
        await Assertions.Expect(aliceEvent.Locator("[data-testid=attendance-going]")).ToContainTextAsync(alice.User.DisplayName, new() { Timeout = Patience });
        await Assertions.Expect(aliceEvent.Locator("[data-testid=attendance-waitlisted]")).ToContainTextAsync(bob.User.DisplayName);

        // She can't go after all: the place is Bob's, and both screens say so without a reload.
        await aliceEvent.Locator("[data-testid=rsvp-declined]").ClickAsync();
        await Assertions.Expect(bobGoing).ToContainTextAsync("Going", new() { Timeout = Patience });
        await Assertions.Expect(bobGoing).Not.ToContainTextAsync("Waitlisted");
        await Assertions.Expect(bobGoing).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(bobEvent.Locator("[data-testid=event-places]")).ToHaveTextAsync("Full");
        await Assertions.Expect(aliceEvent.Locator("[data-testid=attendance-going]")).ToContainTextAsync(bob.User.DisplayName, new() { Timeout = Patience });
        await Assertions.Expect(aliceEvent.Locator("[data-testid=attendance-waitlisted]")).ToHaveCountAsync(0);
        await Assertions.Expect(aliceEvent.Locator("[data-testid=attendance-declined]")).ToContainTextAsync(alice.User.DisplayName);

        // Bob's bell says why.
        await bobPage.ClickAsync("[data-testid=notification-bell]");
        await Assertions.Expect(bobPage.Locator("[data-testid=notification-item]", new() { HasText = "A place opened" }))
            .ToContainTextAsync($"you're going to {title} in {team.Name}", new() { Timeout = Patience });
        Assert.Equal(0, aliceLoads());
        Assert.Equal(0, bobLoads());
    }

    [Fact]
    public async Task AMemberAskedForAnAnswerGivesItStraightFromTheNotification()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client);
        var bob = await RunningStack.SignUpAsync(client);
        var team = await TeamOfTwoAsync(client, alice, bob);
        // The request for an answer goes out a lead before the start: this event's comes ~20 s after it is made.
        var title = $"Regatta {Guid.NewGuid():N}"[..15];
        var asked = await ApiCalls.As(client, alice).CreateEventAsync(team.Id, RequestSoon(title), ActionKey.NewKey()).ValueOrThrowAsync();
        await using var bobContext = await NewContextAsync();
        var bobPage = await LogInAsync(bobContext, bob.User.Username);

        await bobPage.ClickAsync("[data-testid=notification-bell]");
        await bobPage.ClickAsync("[data-testid=all-notifications]");
        var request = bobPage.Locator("[data-testid=notification-row]", new() { HasText = $"Are you coming to {title}" });
        await Assertions.Expect(request).ToBeVisibleAsync(new() { Timeout = 90_000 });
        var answer = bobPage.Locator("li", new() { Has = request }).Locator("[data-testid=notification-answer]");
        await answer.Locator("[data-testid=rsvp-going]").ClickAsync();
        await Assertions.Expect(answer.Locator("[data-testid=notification-answer-result]")).ToHaveTextAsync("You're going.", new() { Timeout = Patience });
        await Assertions.Expect(answer.Locator("[data-testid=rsvp-going]")).ToHaveAttributeAsync("aria-pressed", "true");

        // The answer is the API's: the calendar has it.
        await request.ClickAsync();
        var card = bobPage.Locator($"[data-testid=event-item][data-event-id='{asked.Id}']");
        await Assertions.Expect(card.Locator("[data-testid=rsvp-going]")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Patience });
        await Assertions.Expect(card.Locator("[data-testid=rsvp-going-count]")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task TimesFollowTheBrowsersLanguageAndZoneAndTheChosenAnswerStaysReadableUnderThePointer()
    {
        using var client = Stack.Client();
        var alice = await RunningStack.SignUpAsync(client);
        var bob = await RunningStack.SignUpAsync(client);
        var team = await TeamOfTwoAsync(client, alice, bob);
        var title = $"Concert {Guid.NewGuid():N}"[..14];
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(17), TimeSpan.Zero);
        var created = await ApiCalls.As(client, alice).CreateEventAsync(team.Id,
            new CreateEventRequest(title, start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), CreatorGoing: true),
            ActionKey.NewKey()).ValueOrThrowAsync();

        // An American browser in Rome: 12 hours, month first, Rome's time.
        await using var context = await NewContextAsync("en-US", "Europe/Rome");
        var page = await LogInAsync(context, alice.User.Username, then: $"/teams/{team.Id}/calendar");
        var card = page.Locator($"[data-testid=event-item][data-event-id='{created.Id}']");
        var rome = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"));
        await Assertions.Expect(card.Locator("time")).ToHaveTextAsync(rome.ToString("ddd, MMM d, h:mm tt", CultureInfo.InvariantCulture), new() { Timeout = Patience });

        // Alice is going (she made it): her pressed answer, hovered, must stay readable (WCAG AA: 4.5:1).
        var going = card.Locator("[data-testid=rsvp-going]");
        await Assertions.Expect(going).ToHaveAttributeAsync("aria-pressed", "true");
        await going.HoverAsync();
        var contrast = await going.EvaluateAsync<double>(ContrastScript);
        Assert.True(contrast >= 4.5, $"The chosen answer's text has a contrast of {contrast:0.00}:1 under the pointer.");
        await going.FocusAsync();
        Assert.True(await going.EvaluateAsync<double>(ContrastScript) >= 4.5);

        // Its count is apart from the answer: clicking it shows who, and Alice is still going.
        await card.Locator("[data-testid=rsvp-going-count]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=attendance-going]")).ToContainTextAsync(alice.User.DisplayName, new() { Timeout = Patience });
        await Assertions.Expect(going).ToHaveAttributeAsync("aria-pressed", "true");
    }

    /// <summary>The contrast ratio (WCAG 2) between an element's text colour and its background colour.</summary>
    private const string ContrastScript = """
        element => {
          const style = getComputedStyle(element);
          const channels = color => color.match(/[\d.]+/g).slice(0, 3).map(Number);
          const luminance = color => {
            const [r, g, b] = channels(color).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
          return (light + 0.05) / (dark + 0.05);
        }
        """;

    /// <summary>An event whose request for an answer is due ~20 s from now (the sweep runs every 15 s).</summary>
    private static CreateEventRequest RequestSoon(string title)
    {
        const int lead = 48 * 60;
        var start = DateTimeOffset.UtcNow.AddMinutes(lead).AddSeconds(20);
        return new(title, start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Location: "Lake", RsvpRequestLeadMinutes: lead);
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
