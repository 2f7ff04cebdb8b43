using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class NotificationBellTests : SquadraTestContext
{
    [Fact]
    public async Task TheUnreadCountGoesUpWhenANotificationIsPushed()
    {
        await SignInAsync(Bob);
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=unread-count]")));

        await Realtime.PushAsync(Notification(1, NotificationTypes.InvitationReceived, new { invitation = Invitation("i-1", Alice, Bob) }));

        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=unread-count]").TextContent));
    }

    [Fact]
    public async Task ThePanelReadsEachNotificationAsASentence()
    {
        WithNotifications(2,
            Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }, read: true),
            Notification(2, NotificationTypes.MemberRemoved, new { userId = Bob.Id }),
            Notification(3, NotificationTypes.TeamDeleted, new { teamId = "t-2", name = "Band" }, teamId: "t-2"));
        await SignInAsync(Alice);
        Services.GetRequiredService<KnownNames>().LearnTeam("t-1", "Choir");
        var bell = Render<NotificationBell>();

        bell.Find("[data-testid=notification-bell]").Click();

        bell.WaitForAssertion(() => Assert.Equal(3, bell.FindAll("[data-testid=notification-item]").Count));
        var texts = bell.FindAll("[data-testid=notification-item] .text").Select(e => e.TextContent).ToList();
        Assert.Equal(["Band was deleted", "Bob Dylan is no longer in Choir", "Bob Dylan joined Choir"], texts);
    }

    [Fact]
    public async Task ClickingANotificationGoesToItsTeam()
    {
        WithNotifications(1, Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }));
        await SignInAsync(Alice);
        var bell = Render<NotificationBell>();
        bell.Find("[data-testid=notification-bell]").Click();

        bell.WaitForAssertion(() => Assert.Equal("teams/t-1", bell.Find("[data-testid=notification-item]").GetAttribute("href")));
    }

    [Fact]
    public async Task MarkAllReadClearsTheCount()
    {
        WithNotifications(1, Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }));
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, "/api/notifications/read", HttpStatusCode.NoContent);
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=unread-count]").TextContent));

        bell.Find("[data-testid=notification-bell]").Click();
        bell.Find("[data-testid=mark-all-read]").Click();

        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=unread-count]")));
        Assert.Empty(bell.FindAll(".unread"));
    }

    [Fact]
    public async Task OpeningANotificationMarksItRead()
    {
        WithNotifications(2,
            Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }),
            Notification(2, NotificationTypes.MemberRemoved, new { userId = Bob.Id }));
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, "/api/notifications/read", HttpStatusCode.NoContent);
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=unread-count]").TextContent));
        bell.Find("[data-testid=notification-bell]").Click();

        bell.FindAll("[data-testid=notification-item]")[1].Click(); // the older one: the newest is listed first

        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=unread-count]").TextContent));
        var marked = Assert.Single(Api.To(HttpMethod.Post, "/api/notifications/read"));
        Assert.Contains("\"upToSeq\":1", Api.BodyOf(marked), StringComparison.Ordinal);
        Assert.Empty(bell.FindAll("[data-testid=notification-panel]"));
    }

    [Fact]
    public async Task AfterMarkAllReadFocusStaysInThePanelSoEscapeStillClosesIt()
    {
        WithNotifications(1, Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }));
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, "/api/notifications/read", HttpStatusCode.NoContent);
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=unread-count]").TextContent));
        bell.Find("[data-testid=notification-bell]").Click();

        bell.Find("[data-testid=mark-all-read]").Click();

        // The button disables itself, which drops focus to the body, out of reach of the panel's Escape.
        bell.WaitForAssertion(() => Assert.True(bell.Find("[data-testid=mark-all-read]").HasAttribute("disabled")));
        // (bUnit leaves an element opened by a re-render without its reference id: the calls are counted instead.)
        var toPanel = Assert.Single(FocusedElementIds());
        bell.Find("[data-testid=notification-panel]").KeyDown(Key.Escape);
        Assert.Empty(bell.FindAll("[data-testid=notification-panel]"));
        // And focus goes back to the bell, as the panel it was in is gone.
        Assert.Equal(2, FocusedElementIds().Count);
        Assert.NotEqual(toPanel, FocusedElementIds()[^1]);
    }

    [Fact]
    public async Task EscapeClosesThePanelAndGivesFocusBackToTheBell()
    {
        await SignInAsync(Alice);
        var bell = Render<NotificationBell>();
        // (Read before a re-render: bUnit's markup of a re-rendered element may lose its reference id.)
        var button = bell.Find("[data-testid=notification-bell]").GetAttribute("blazor:elementReference");
        bell.Find("[data-testid=notification-bell]").Click();

        bell.Find("[data-testid=all-notifications]").KeyDown(Key.Escape);

        Assert.Empty(bell.FindAll("[data-testid=notification-panel]"));
        Assert.False(string.IsNullOrEmpty(button));
        Assert.Equal(button, Assert.Single(FocusedElementIds()));
    }

    [Fact]
    public async Task ThePanelLinksToAllNotifications()
    {
        await SignInAsync(Alice);
        var bell = Render<NotificationBell>();
        bell.Find("[data-testid=notification-bell]").Click();

        var all = bell.Find("[data-testid=all-notifications]");

        Assert.Equal("notifications", all.GetAttribute("href"));
        Assert.Equal("See all notifications", all.TextContent.Trim());
    }

    List<string?> FocusedElementIds() =>
        [.. JSInterop.Invocations.Where(call => call.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(call => ((Microsoft.AspNetCore.Components.ElementReference)call.Arguments[0]!).Id)];

    [Fact]
    public async Task ARequestForAnAnswerIsAnsweredInThePanelWhichStaysOpen()
    {
        var asked = new EventDto("e-1", "t-1", "Rehearsal", "", "", DateTimeOffset.UtcNow.AddDays(2), null, Alice, false, new(0, 0, 0), null);
        WithNotifications(1, Notification(1, NotificationTypes.EventRsvpRequested, new { @event = asked }));
        await SignInAsync(Bob);
        Api.Answer(HttpMethod.Put, "/api/teams/t-1/events/e-1/rsvp", HttpStatusCode.OK, asked with { MyRsvp = EventRules.RsvpDeclined });
        var bell = Render<NotificationBell>();
        bell.Find("[data-testid=notification-bell]").Click();
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll("[data-testid=notification-answer]")));

        bell.Find("[data-testid=notification-answer] [data-testid=rsvp-declined]").Click();

        bell.WaitForAssertion(() => Assert.Equal("You answered can't go.", bell.Find("[data-testid=notification-answer-result]").TextContent));
        Assert.NotEmpty(bell.FindAll("[data-testid=notification-panel]"));
    }
}
