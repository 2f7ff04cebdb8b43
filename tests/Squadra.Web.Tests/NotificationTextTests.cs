using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class NotificationTextTests : SquadraTestContext
{
    readonly KnownNames _names = new();

    public NotificationTextTests() => _names.LearnTeam("t-1", "Choir");

    [Fact]
    public void AnInvitationNamesWhoInvitedAndLeadsToTheInbox()
    {
        var view = Describe(Notification(1, NotificationTypes.InvitationReceived, new { invitation = Invitation("i-1", Alice, Bob) }), Bob);

        Assert.Equal(new NotificationView("Alice Liddell invited you to Choir", "invitations"), view);
    }

    [Fact]
    public void BeingRemovedIsSaidToTheRemovedAndLeadsToTheTeamList()
    {
        var view = Describe(Notification(1, NotificationTypes.MemberRemoved, new { userId = Bob.Id }), Bob);

        Assert.Equal(new NotificationView("You were removed from Choir", "teams"), view);
    }

    [Fact]
    public void AMentionNamesTheAuthorTheTeamAndTheStartOfTheMessageOnOneLineAndLeadsToTheChat()
    {
        var body = "@bob the boat\nis ready " + new string('x', 100);
        var view = Describe(Notification(1, NotificationTypes.MessageMentioned, new
        {
            message = new { id = "m-1", teamId = "t-1", seq = 7, author = Alice, body, mentions = new[] { Bob.Id } },
            teamName = "Rowing club",
        }), Bob);

        Assert.Equal("teams/t-1?message=7", view.Href);
        Assert.StartsWith("Alice Liddell mentioned you in Rowing club: @bob the boat is ready xxx", view.Text, StringComparison.Ordinal);
        Assert.EndsWith("x…", view.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectMessageReadsAsItsAuthorAndTheStartOfItsTextAndLeadsToTheDm()
    {
        var view = Describe(Notification(1, NotificationTypes.DmMessage, new
        {
            message = new { id = "m-1", dmId = "d-1", seq = 3, author = Alice, body = "Bring the\ncones " + new string('x', 100) },
        }, teamId: null), Bob);

        Assert.Equal("dms/d-1?message=3", view.Href);
        Assert.StartsWith("Alice Liddell: Bring the cones xxx", view.Text, StringComparison.Ordinal);
        Assert.EndsWith("x…", view.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AReminderSaysWhoseMessageWhereAndItsWordsAndLeadsToIt()
    {
        var inTeam = Describe(Notification(1, NotificationTypes.MessageReminder, new
        {
            message = new { id = "m-1", teamId = "t-1", seq = 7, author = Alice, body = "Send the\nreport" },
            teamName = "Rowing club",
        }), Bob);
        var inDm = Describe(Notification(2, NotificationTypes.MessageReminder, new
        {
            message = new { id = "m-2", dmId = "d-1", seq = 3, author = Alice, body = "Call me" },
            teamName = (string?)null,
        }, teamId: null), Bob);

        Assert.Equal(("Reminder: Alice Liddell's message in Rowing club: Send the report", "teams/t-1?message=7"), (inTeam.Text, inTeam.Href));
        Assert.Equal(("Reminder: Alice Liddell's message: Call me", "dms/d-1?message=3"), (inDm.Text, inDm.Href));
    }

    [Fact]
    public void AnUnknownTeamOrPersonStillReadsAsASentence()
    {
        var view = Describe(Notification(1, NotificationTypes.MemberRemoved, new { userId = "u-9" }, teamId: "t-9"), Alice);

        Assert.Equal(new NotificationView("A member is no longer in a team", "teams/t-9"), view);
    }

    [Fact]
    public void ATeamEventIsNamedByItsTitleAndLeadsToItInTheCalendar()
    {
        var view = Describe(Notification(1, NotificationTypes.EventCreated, new { @event = new { id = "e-1", title = "Rehearsal" } }), Alice);

        Assert.Equal(new NotificationView("New event in Choir: Rehearsal", "teams/t-1/calendar?event=e-1"), view);
    }

    [Fact]
    public void AReminderSaysWhenTheEventStartsInTheUsersZone()
    {
        var clock = new ManualClock { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };
        clock.SetNow(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero));
        var data = new { @event = new { id = "e-1", title = "Rehearsal", startsAt = new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero) } };

        var reminder = NotificationText.Describe(Notification(1, NotificationTypes.EventReminder, data), Alice.Id, _names, clock);
        var cancelled = NotificationText.Describe(Notification(2, NotificationTypes.EventCancelled, data), Alice.Id, _names, clock);

        Assert.Equal("Reminder: Rehearsal in Choir starts today, 18:00", reminder.Text);
        Assert.Equal("Rehearsal in Choir was cancelled", cancelled.Text);
    }

    [Fact]
    public void APlaceOffTheWaitlistAndARequestForAnAnswerSayWhatTheyAreAndLeadToTheEvent()
    {
        var clock = new ManualClock { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };
        clock.SetNow(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero));
        var data = new { @event = new { id = "e-1", title = "Rehearsal", startsAt = new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero) } };

        var promoted = NotificationText.Describe(Notification(1, NotificationTypes.EventPromoted, data), Alice.Id, _names, clock);
        var asked = NotificationText.Describe(Notification(2, NotificationTypes.EventRsvpRequested, data), Alice.Id, _names, clock);

        Assert.Equal(new NotificationView("A place opened: you're going to Rehearsal in Choir, Fri 4 Dec, 18:00", "teams/t-1/calendar?event=e-1"), promoted);
        Assert.Equal(new NotificationView("Are you coming to Rehearsal in Choir? Fri 4 Dec, 18:00", "teams/t-1/calendar?event=e-1"), asked);
        Assert.Equal("Are you coming to Rehearsal in Choir?", Describe(Notification(3, NotificationTypes.EventRsvpRequested, data), Alice).Text);
    }

    [Fact]
    public void EveryEventTypeIsAboutAnEventAndTeachesItsCreatorsName()
    {
        foreach (var type in new[] { NotificationTypes.EventPromoted, NotificationTypes.EventRsvpRequested })
        {
            var notification = Notification(1, type, new { @event = new { id = "e-1", title = "Gig", createdBy = Carol } });
            Assert.True(NotificationData.IsAboutAnEvent(notification));
            Assert.Equal("e-1", NotificationData.Event(notification)?.Id);
            var names = new KnownNames();
            names.Learn(notification);
            Assert.Equal("Carol King", names.User(Carol.Id));
        }
        Assert.True(NotificationData.AsksForAnAnswer(Notification(1, NotificationTypes.EventRsvpRequested, new { })));
        Assert.False(NotificationData.AsksForAnAnswer(Notification(1, NotificationTypes.EventReminder, new { })));
    }

    [Fact]
    public void WhatJoinedTheTeamIsRemembered()
    {
        _names.Learn(Notification(1, NotificationTypes.MemberJoined, new { member = Member(Carol, TeamRoles.Member) }));

        var view = Describe(Notification(2, NotificationTypes.MemberRemoved, new { userId = Carol.Id }), Alice);

        Assert.Equal("Carol King is no longer in Choir", view.Text);
    }

    NotificationView Describe(NotificationDto notification, Contracts.Accounts.UserDto me) => NotificationText.Describe(notification, me.Id, _names);
}
