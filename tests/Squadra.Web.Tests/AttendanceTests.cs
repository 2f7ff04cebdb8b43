using System.Net;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>"Who's coming" on an event card: the team by answer, read on demand and again whenever the event changes.</summary>
public sealed class AttendanceTests : CalendarTestContext
{
    const string AttendancePath = EventsPath + "/e-1/attendance";

    static readonly UserDto s_dan = new("u-4", "dan", "Dan Brown");

    readonly EventDto _gig = Event("e-1", "Gig", new(2026, 11, 28, 17, 0, 0, TimeSpan.Zero)) with { Capacity = 1, Rsvp = new(1, 0, 1, Waitlisted: 2) };

    [Fact]
    public async Task WhosComingListsTheTeamByAnswerWithTheWaitlistInItsOrder()
    {
        var calendar = await RenderCalendarAsync(Bob, TeamRoles.Member, _gig);
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, new AttendanceDto([Alice], [], [s_dan], [Carol, Bob], []));

        calendar.Find("[data-testid=toggle-attendance]").Click();

        calendar.WaitForAssertion(() => Assert.NotEmpty(calendar.FindAll("[data-testid=attendee]")));
        var groups = calendar.FindAll("[data-testid=attendance] section");
        // Going first, then the waitlist (both about places), then the other answers; an empty group is left out.
        Assert.Equal(["attendance-going", "attendance-waitlisted", "attendance-declined"], groups.Select(g => g.GetAttribute("data-testid")));
        Assert.Equal("Alice Liddell", groups[0].QuerySelector(".name")!.TextContent);
        Assert.Equal(["Carol King", "Bob Dylan"], groups[1].QuerySelectorAll("ol li .name").Select(name => name.TextContent));
        Assert.Contains("(you)", groups[1].QuerySelectorAll("ol li")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Can't go", groups[2].TextContent, StringComparison.Ordinal);
        Assert.Equal("true", calendar.Find("[data-testid=toggle-attendance]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task AnOpenListIsReadAgainWhenTheEventChangesAndForgottenWhenClosed()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, _gig);
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, new AttendanceDto([Alice], [], [], [Carol], [Bob]));
        calendar.Find("[data-testid=toggle-attendance]").Click();
        calendar.WaitForAssertion(() => Assert.Contains("Carol King", calendar.Find("[data-testid=attendance-waitlisted]").TextContent, StringComparison.Ordinal));

        // Alice's place went to Carol, as a push says with its counts; the names come from a new read.
        Api.Answer(HttpMethod.Get, AttendancePath, HttpStatusCode.OK, new AttendanceDto([Carol], [], [Alice], [], [Bob]));
        await Realtime.PushEventAsync(_gig with { Rsvp = new(1, 0, 1) });

        calendar.WaitForAssertion(() => Assert.Contains("Carol King", calendar.Find("[data-testid=attendance-going]").TextContent, StringComparison.Ordinal));
        Assert.Empty(calendar.FindAll("[data-testid=attendance-waitlisted]"));
        Assert.Contains("Bob Dylan", calendar.Find("[data-testid=attendance-none]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, Api.To(HttpMethod.Get, AttendancePath).Count);

        calendar.Find("[data-testid=toggle-attendance]").Click();
        await Realtime.PushEventAsync(_gig with { Rsvp = new(1, 1, 1) });

        calendar.WaitForAssertion(() => Assert.Equal("1", calendar.Find("[data-testid=rsvp-maybe-count]").TextContent));
        Assert.Empty(calendar.FindAll("[data-testid=attendance]"));
        Assert.Equal(2, Api.To(HttpMethod.Get, AttendancePath).Count);
    }

    [Fact]
    public async Task AListThatCannotBeReadSaysWhy()
    {
        var calendar = await RenderCalendarAsync(Alice, TeamRoles.Member, _gig);
        Api.AnswerProblem(HttpMethod.Get, AttendancePath, HttpStatusCode.NotFound, "No such event.");

        calendar.Find("[data-testid=toggle-attendance]").Click();

        calendar.WaitForAssertion(() => Assert.Equal("This event is no longer in the team's calendar.", calendar.Find("[data-testid=attendance] .inline-error").TextContent));
    }
}
