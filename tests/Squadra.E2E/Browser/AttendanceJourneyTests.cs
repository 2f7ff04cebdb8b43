using Microsoft.Playwright;
using Squadra.Client;
using Squadra.Client.Events;
using Squadra.Contracts.Events;
using Squadra.Contracts.Invitations;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Browser;

/// <summary>
/// Registering attendance, as a coach does after training: Ana (the team's owner, on a laptop) opens "Who came" on the
/// training that started half an hour ago and marks Ben as come and Cleo as not; Ben, on his phone with the same list
/// open, sees both marks arrive live and has no buttons of his own. Ana then opens the team's Attendance table, and Ben
/// his own. The pictures go to artifacts/screens/ (attendance-register-laptop/phone, attendance-seen-phone,
/// attendance-report-laptop/phone, attendance-mine-phone/laptop), checked by axe-core.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AttendanceJourneyTests(RunningStack stack, SharedBrowser browser) : BrowserJourney(stack, browser)
{
    [Fact]
    public async Task TheCoachMarksWhoCameTheMembersSeeItLiveAndTheTeamsTableCountsIt()
    {
        using var client = Stack.Client();
        var ana = await RunningStack.SignUpAsync(client, "Ana Lima", "ana.");
        var ben = await RunningStack.SignUpAsync(client, "Ben Okafor", "ben.");
        var cleo = await RunningStack.SignUpAsync(client, "Cleo Park", "cleo.");
        var team = await ApiCalls.TeamOfTwoAsync(client, ana, ben, $"Hockey U12 {Guid.NewGuid():N}"[..15]);
        var asAna = ApiCalls.As(client, ana);
        var invitation = await asAna.InviteAsync(team.Id, new InviteRequest(cleo.User.Username), ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, cleo).AcceptInvitationAsync(invitation.Id, ActionKey.NewKey()).ValueOrThrowAsync();
        var now = DateTimeOffset.UtcNow;
        var training = await asAna.CreateEventAsync(team.Id,
            new CreateEventRequest("Training", EventInstants.Format(now.AddMinutes(-30)), EventInstants.Format(now.AddMinutes(60)), Location: "North pitch", CreatorGoing: true),
            ActionKey.NewKey()).ValueOrThrowAsync();
        await ApiCalls.As(client, ben).RsvpAsync(team.Id, training.Id, EventRules.RsvpGoing).ValueOrThrowAsync();
        await ApiCalls.As(client, cleo).RsvpAsync(team.Id, training.Id, EventRules.RsvpGoing).ValueOrThrowAsync();

        await using var anaContext = await NewContextAsync(1280, 800);
        await using var benContext = await NewContextAsync(390, 844);
        await Screens.AddAxeAsync(anaContext);
        await Screens.AddAxeAsync(benContext);
        var calendar = $"/teams/{team.Id}/calendar?event={training.Id}";
        var coach = await LogInAsync(anaContext, ana.User.Username, then: calendar);
        var member = await LogInAsync(benContext, ben.User.Username, then: calendar);

        // Both open the training's list; only the coach is offered the marks.
        var coachEvent = coach.Locator("[data-testid=event-item]", new() { HasText = "Training" }).First;
        var memberEvent = member.Locator("[data-testid=event-item]", new() { HasText = "Training" }).First;
        await coachEvent.Locator("[data-testid=toggle-attendance]").ClickAsync(new() { Timeout = Patience });
        await memberEvent.Locator("[data-testid=toggle-attendance]").ClickAsync(new() { Timeout = Patience });
        await Assertions.Expect(coachEvent.Locator("[data-testid=came-summary]")).ToContainTextAsync("Mark who came", new() { Timeout = Patience });
        await Assertions.Expect(memberEvent.Locator("[data-testid=attendee]").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(memberEvent.Locator("[data-testid=mark-came]")).ToHaveCountAsync(0);

        await Person(coachEvent, "Ben Okafor").Locator("[data-testid=mark-came]").ClickAsync();
        await Person(coachEvent, "Cleo Park").Locator("[data-testid=mark-missed]").ClickAsync();
        await Assertions.Expect(coachEvent.Locator("[data-testid=came-summary]")).ToHaveTextAsync("1 came · 1 didn't", new() { Timeout = Patience });
        await Assertions.Expect(Person(coachEvent, "Ben Okafor").Locator("[data-testid=mark-came]")).ToHaveAttributeAsync("aria-pressed", "true");

        // Ben's open list reads who came again on the event's push.
        await Assertions.Expect(memberEvent.Locator("[data-testid=came-summary]")).ToHaveTextAsync("1 came · 1 didn't", new() { Timeout = Patience });
        await Assertions.Expect(Person(memberEvent, "Ben Okafor").Locator("[data-testid=marked-came]")).ToBeVisibleAsync();
        await Assertions.Expect(Person(memberEvent, "Cleo Park").Locator("[data-testid=marked-missed]")).ToBeVisibleAsync();

        await Screens.PhotographAndAuditAsync(coach, "attendance-register-laptop");
        await Screens.PhotographAndAuditAsync(member, "attendance-seen-phone");
        await coach.SetViewportSizeAsync(390, 844);
        await coachEvent.ScrollIntoViewIfNeededAsync();
        await Screens.PhotographAndAuditAsync(coach, "attendance-register-phone");
        await coach.SetViewportSizeAsync(1280, 800);

        // The team's table: Ben came to the one registered training, Cleo missed it, Ana was not marked.
        await coach.ClickAsync("[data-testid=attendance-report-link]");
        var rows = coach.Locator("[data-testid=attendance-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(3, new() { Timeout = Patience });
        await Assertions.Expect(coach.Locator("caption")).ToHaveTextAsync("1 registered event, last 90 days");
        await Assertions.Expect(rows.Filter(new() { HasText = "Ben Okafor" }).Locator("[data-testid=attended-share]")).ToHaveTextAsync("100 %");
        await Assertions.Expect(rows.Filter(new() { HasText = "Cleo Park" }).Locator("[data-testid=absent-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(rows.Filter(new() { HasText = "Ana Lima" }).Locator("[data-testid=attended-share]")).ToHaveTextAsync("—");
        await Screens.PhotographAndAuditAsync(coach, "attendance-report-laptop");
        await coach.SetViewportSizeAsync(390, 844);
        await Screens.PhotographAndAuditAsync(coach, "attendance-report-phone");

        // Ben's own record, from the same calendar: his row only.
        await member.ClickAsync("[data-testid=attendance-report-link]");
        var mine = member.Locator("[data-testid=attendance-row]");
        await Assertions.Expect(mine).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(mine.Locator("[data-testid=attended-share]")).ToHaveTextAsync("100 %");
        await Assertions.Expect(member.Locator("#report-title")).ToHaveTextAsync("Your attendance");
        await Screens.PhotographAndAuditAsync(member, "attendance-mine-phone");
        await member.SetViewportSizeAsync(1280, 800);
        await Screens.PhotographAndAuditAsync(member, "attendance-mine-laptop");
    }

    static ILocator Person(ILocator eventCard, string name) => eventCard.Locator("[data-testid=attendee]", new() { HasText = name });
}
