using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class NotificationsPageTests : SquadraTestContext
{
    [Fact]
    public async Task EveryNotificationIsListedNewestFirstWithTheUnreadMarkedAndLinksIntoWhatItIsAbout()
    {
        WithNotifications(1,
            Notification(1, NotificationTypes.MemberJoined, new { member = Member(Carol, TeamRoles.Member), teamName = "Choir" }, read: true),
            Notification(2, NotificationTypes.EventCreated, new { @event = Rehearsal() }));
        await SignInAsync(Bob);
        Services.GetRequiredService<KnownNames>().LearnTeam("t-1", "Choir");

        var page = Render<NotificationsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=notification-row]").Count));
        var rows = page.FindAll("[data-testid=notification-row]");
        Assert.StartsWith("New event in Choir: Rehearsal", rows[0].QuerySelector(".text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("teams/t-1/calendar?event=e-1", rows[0].GetAttribute("href"));
        Assert.Contains("unread", rows[0].ClassList);
        Assert.Equal("teams/t-1", rows[1].GetAttribute("href"));
        Assert.DoesNotContain("unread", rows[1].ClassList);
    }

    [Fact]
    public async Task MarkAllReadClearsTheMarksAndANewOneArrivesLive()
    {
        WithNotifications(1, Notification(1, NotificationTypes.EventCancelled, new { @event = Rehearsal() }));
        await SignInAsync(Bob);
        Api.Answer(HttpMethod.Post, "/api/notifications/read", HttpStatusCode.NoContent);
        var page = Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.Contains("1 unread", page.Find("[data-testid=notifications-unread]").TextContent, StringComparison.Ordinal));

        page.Find("[data-testid=mark-all-read]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".unread")));
        await Realtime.PushAsync(Notification(2, NotificationTypes.EventReminder, new { @event = Rehearsal() }));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=notification-row]").Count));
        Assert.StartsWith("Reminder: Rehearsal in", page.Find(".unread .text").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestForAnAnswerIsAnsweredStraightFromTheCentre()
    {
        var page = await RenderWithRequestAsync(Rehearsal());
        Api.Answer(HttpMethod.Put, "/api/teams/t-1/events/e-1/rsvp", HttpStatusCode.OK, Rehearsal() with { MyRsvp = EventRules.RsvpGoing });

        page.Find("[data-testid=notification-answer] [data-testid=rsvp-going]").Click();

        page.WaitForAssertion(() => Assert.Equal("You're going.", page.Find("[data-testid=notification-answer-result]").TextContent));
        Assert.Equal("true", page.Find("[data-testid=notification-answer] [data-testid=rsvp-going]").GetAttribute("aria-pressed"));
        Assert.Equal("Answer needed", page.Find("[data-testid=notification-row] .kind").TextContent);
    }

    [Fact]
    public async Task GoingToAFullEventFromTheCentreSaysTheUserIsOnTheWaitlist()
    {
        var page = await RenderWithRequestAsync(Rehearsal());
        Api.Answer(HttpMethod.Put, "/api/teams/t-1/events/e-1/rsvp", HttpStatusCode.OK, Rehearsal() with { MyRsvp = EventRules.RsvpWaitlisted });

        page.Find("[data-testid=notification-answer] [data-testid=rsvp-going]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("It's full: you're on the waitlist", page.Find("[data-testid=notification-answer-result]").TextContent, StringComparison.Ordinal));
        Assert.Contains("waitlisted", page.Find("[data-testid=notification-answer] [data-testid=rsvp-going]").ClassList);
    }

    [Fact]
    public async Task AnAnswerRefusedBecauseTheAnswersClosedSaysSo()
    {
        var page = await RenderWithRequestAsync(Rehearsal());
        Api.Answer(HttpMethod.Put, "/api/teams/t-1/events/e-1/rsvp", HttpStatusCode.Conflict,
            new { status = 409, title = "Answers closed", detail = "The event's RSVP deadline has passed." });

        page.Find("[data-testid=notification-answer] [data-testid=rsvp-maybe]").Click();

        page.WaitForAssertion(() => Assert.Equal("Answers are closed: the RSVP deadline has passed.", page.Find("[data-testid=notification-answer-result]").TextContent));
        Assert.Equal("alert", page.Find("[data-testid=notification-answer-result]").GetAttribute("role"));
    }

    [Fact]
    public async Task ARequestWhoseDeadlineHasPassedOffersNoAnswer()
    {
        var page = await RenderWithRequestAsync(Rehearsal() with { RsvpDeadline = DateTimeOffset.UtcNow.AddMinutes(-5) });

        Assert.All(page.FindAll("[data-testid=notification-answer] .answer"), button => Assert.True(button.HasAttribute("disabled")));
        Assert.Contains("Answers are closed", page.Find("[data-testid=notification-answer]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCentreIsReachedThroughTheBellNotASecondLinkInTheTopBar()
    {
        await SignInAsync(Bob);
        Api.AnswerAlways(HttpMethod.Get, "/api/invitations", HttpStatusCode.OK, Array.Empty<object>());

        var bar = Render<TopBar>();

        Assert.Empty(bar.FindAll("[data-testid=nav-notifications]"));
        bar.Find("[data-testid=notification-bell]").Click();
        Assert.Equal("notifications", bar.Find("[data-testid=all-notifications]").GetAttribute("href"));
    }

    [Fact]
    public async Task OpeningANotificationMarksItRead()
    {
        WithNotifications(1, Notification(1, NotificationTypes.MemberJoined, new { member = Member(Carol, TeamRoles.Member), teamName = "Choir" }));
        await SignInAsync(Bob);
        Api.Answer(HttpMethod.Post, "/api/notifications/read", HttpStatusCode.NoContent);
        var page = Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.Equal("1 unread.", page.Find("[data-testid=notifications-unread]").TextContent));

        page.Find("[data-testid=notification-row]").Click();

        page.WaitForAssertion(() => Assert.Equal("All read.", page.Find("[data-testid=notifications-unread]").TextContent));
        var marked = Assert.Single(Api.To(HttpMethod.Post, "/api/notifications/read"));
        Assert.Contains("\"upToSeq\":1", Api.BodyOf(marked), StringComparison.Ordinal);
    }

    async Task<IRenderedComponent<NotificationsPage>> RenderWithRequestAsync(EventDto asked)
    {
        WithNotifications(1, Notification(1, NotificationTypes.EventRsvpRequested, new { @event = asked }));
        await SignInAsync(Bob);
        var page = Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=notification-answer]")));
        return page;
    }

    static EventDto Rehearsal() =>
        new("e-1", "t-1", "Rehearsal", "", "", DateTimeOffset.UtcNow.AddDays(3), null, new UserDto("u-1", "alice", "Alice"), false, new(0, 0, 0), null);
}
