using System.Net;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>The event card's places, waitlist and RSVP deadline, as a member meets them (now: Fri 20 Nov 2026, 10:00 in Paris).</summary>
public sealed class EventLimitsTests : CalendarTestContext
{
    static readonly DateTimeOffset s_start = new(2026, 11, 28, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PlacesAreCountedAndAUserOnTheWaitlistSeesItOnTheGoingButton()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member,
            Event("e-1", "Rehearsal", s_start) with { Capacity = 10, Rsvp = new(3, 1, 0) },
            Event("e-2", "Gig", s_start.AddHours(1)) with { Capacity = 2, Rsvp = new(2, 0, 0, Waitlisted: 2), MyRsvp = EventRules.RsvpWaitlisted },
            Event("e-3", "Party", s_start.AddHours(2)) with { Capacity = 1, Rsvp = new(1, 0, 0) },
            Event("e-4", "Walk", s_start.AddHours(3)));

        Assert.Equal("3 of 10 places taken", Card(calendar, "e-1").QuerySelector("[data-testid=event-places]")!.TextContent);
        Assert.Equal("Going", Card(calendar, "e-1").QuerySelector("[data-testid=rsvp-going] span")!.TextContent);

        var gig = Card(calendar, "e-2");
        Assert.Equal("Full · 2 waiting", gig.QuerySelector("[data-testid=event-places]")!.TextContent);
        var going = gig.QuerySelector("[data-testid=rsvp-going]")!;
        Assert.Equal("Waitlisted", going.QuerySelector("span")!.TextContent);
        Assert.Equal("true", going.GetAttribute("aria-pressed"));
        Assert.Contains("waitlisted", going.ClassList);
        Assert.NotNull(gig.QuerySelector("[data-testid=waitlist-note]"));
        // The going count beside "Waitlisted" would read as a place on the waitlist: the places line says both.
        Assert.Null(going.QuerySelector("[data-testid=rsvp-going-count]"));

        // Pressing "going" on a full event joins the waitlist: the button says so before it is pressed.
        Assert.Equal("Join waitlist", Card(calendar, "e-3").QuerySelector("[data-testid=rsvp-going] span")!.TextContent);
        Assert.Equal("3", Card(calendar, "e-1").QuerySelector("[data-testid=rsvp-going-count]")!.TextContent);
        Assert.Null(Card(calendar, "e-4").QuerySelector("[data-testid=event-places]"));
    }

    [Fact]
    public async Task AnsweringGoingToAFullEventShowsTheWaitlistPlace()
    {
        var party = Event("e-1", "Party", s_start) with { Capacity = 1, Rsvp = new(1, 0, 0) };
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, party);
        Api.Answer(HttpMethod.Put, $"{EventsPath}/e-1/rsvp", HttpStatusCode.OK,
            party with { Rsvp = new(1, 0, 0, Waitlisted: 1), MyRsvp = EventRules.RsvpWaitlisted });

        calendar.Find("[data-testid=rsvp-going]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("Waitlisted", calendar.Find("[data-testid=rsvp-going] span").TextContent));
        Assert.Equal("Full · 1 waiting", calendar.Find("[data-testid=event-places]").TextContent);
        Assert.Equal("true", calendar.Find("[data-testid=rsvp-going]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task TheDeadlineIsShownAndAfterItTheAnswersAreClosed()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member,
            Event("e-1", "Rehearsal", s_start) with { RsvpDeadline = new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero) },
            Event("e-2", "Gig", s_start.AddHours(1)) with { RsvpDeadline = new DateTimeOffset(2026, 11, 19, 17, 0, 0, TimeSpan.Zero) });

        var open = Card(calendar, "e-1");
        Assert.Equal("Answers by Fri 27 Nov, 18:00", open.QuerySelector("[data-testid=event-deadline]")!.TextContent);
        Assert.False(open.QuerySelector("[data-testid=rsvp-going]")!.HasAttribute("disabled"));

        var closed = Card(calendar, "e-2");
        Assert.Equal("Answers closed yesterday, 18:00", closed.QuerySelector("[data-testid=event-deadline]")!.TextContent);
        Assert.All(closed.QuerySelectorAll(".answer"), button => Assert.True(button.HasAttribute("disabled")));
    }

    [Fact]
    public async Task AnAnswerRefusedBecauseTheAnswersClosedSaysSoAndShowsTheEventAsItIsNow()
    {
        var rehearsal = Event("e-1", "Rehearsal", s_start) with { RsvpDeadline = new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero) };
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, rehearsal);
        // The organiser moved the deadline into the past meanwhile.
        Api.Answer(HttpMethod.Put, $"{EventsPath}/e-1/rsvp", HttpStatusCode.Conflict,
                new { status = 409, title = "Answers closed", detail = "The event's RSVP deadline has passed." })
            .Answer(HttpMethod.Get, $"{EventsPath}/e-1", HttpStatusCode.OK, rehearsal with { RsvpDeadline = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero) });

        calendar.Find("[data-testid=rsvp-going]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("Answers are closed: the RSVP deadline has passed.", calendar.Find("[data-testid=event-item] .inline-error").TextContent));
        calendar.WaitForAssertion(() => Assert.True(calendar.Find("[data-testid=rsvp-going]").HasAttribute("disabled")));
        Assert.Equal("Answers closed today, 09:00", calendar.Find("[data-testid=event-deadline]").TextContent);
    }

    [Fact]
    public async Task WhenAPlaceFreesUpTheWaitlistedUserSeesTheyAreGoing()
    {
        var gig = Event("e-1", "Gig", s_start) with { Capacity = 1, Rsvp = new(1, 0, 0, Waitlisted: 1), MyRsvp = EventRules.RsvpWaitlisted };
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, gig);
        var promoted = gig with { Rsvp = new(1, 0, 1, Waitlisted: 0), MyRsvp = null };

        // The push carries no answer of Bob's: on its own it cannot tell him his place is now a seat.
        await Realtime.PushEventAsync(promoted);
        calendar.WaitForAssertion(() => Assert.Equal("1", calendar.Find("[data-testid=rsvp-declined-count]").TextContent));
        Assert.Equal("Waitlisted", calendar.Find("[data-testid=rsvp-going] span").TextContent);

        // The notification that says so makes the calendar read the event for him.
        Api.Answer(HttpMethod.Get, $"{EventsPath}/e-1", HttpStatusCode.OK, promoted with { MyRsvp = EventRules.RsvpGoing });
        await Realtime.PushAsync(Notification(1, NotificationTypes.EventPromoted, new { @event = promoted }) with { CreatedAt = Clock.GetUtcNow() });

        calendar.WaitForAssertion(() => Assert.Equal("Going", calendar.Find("[data-testid=rsvp-going] span").TextContent));
        Assert.Equal("true", calendar.Find("[data-testid=rsvp-going]").GetAttribute("aria-pressed"));
        Assert.Equal("1", calendar.Find("[data-testid=rsvp-going-count]").TextContent);
        Assert.DoesNotContain("waitlisted", calendar.Find("[data-testid=rsvp-going]").ClassList);
        Assert.Empty(calendar.FindAll("[data-testid=waitlist-note]"));
    }

    static AngleSharp.Dom.IElement Card(IRenderedComponent<TeamCalendar> calendar, string eventId) =>
        calendar.Find($"[data-testid=event-item][data-event-id='{eventId}']");
}
