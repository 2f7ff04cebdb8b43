using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.DirectMessages;

namespace Squadra.Web.Tests;

public sealed class UnreadTitleTests : SquadraTestContext
{
    [Fact]
    public async Task TheTabTitleCountsUnreadNotificationsAndChatMessages()
    {
        var title = JSInterop.SetupModule("./js/unread-title.js");
        WithNotifications(2,
            Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }),
            Notification(2, NotificationTypes.MemberRemoved, new { userId = Bob.Id }));
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[] { Team(TeamRoles.Owner) with { LastMessageSeq = 3 } });
        await Services.GetRequiredService<MyTeams>().EnsureLoadedAsync();

        var bell = Render<NotificationBell>();

        bell.WaitForAssertion(() => Assert.Equal(5L, Shown(title)));
        await Realtime.PushAsync(Notification(3, NotificationTypes.InvitationReceived, new { invitation = Invitation("i-1", Bob, Alice) }));
        bell.WaitForAssertion(() => Assert.Equal(6L, Shown(title)));
    }

    [Fact]
    public async Task AMutedDmCountsNoMessagesButTheMentionThatReachedTheBell()
    {
        var title = JSInterop.SetupModule("./js/unread-title.js");
        // Two messages in the DM with Bob (each a dm.message), one mentioning Alice in the muted DM with Carol (the
        // only one of its three that reached her bell).
        WithNotifications(3,
            Notification(1, NotificationTypes.DmMessage, new { message = DmSidebarTests.DmMessage("d-1", 1, Bob) }, teamId: null),
            Notification(2, NotificationTypes.DmMessage, new { message = DmSidebarTests.DmMessage("d-1", 2, Bob) }, teamId: null),
            Notification(3, NotificationTypes.DmMessage, new { message = DmSidebarTests.DmMessage("d-2", 3, Carol) }, teamId: null));
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[]
        {
            DmSidebarTests.Dm("d-1", 2, Earlier, Alice, Bob),
            DmSidebarTests.Dm("d-2", 3, Earlier, Alice, Carol) with { Muted = true },
        });
        await Services.GetRequiredService<MyDms>().EnsureLoadedAsync();

        var component = Render<UnreadTitle>();

        // Bob's two as chat messages, once each; Carol's mention as a notification; her other two not at all.
        component.WaitForAssertion(() => Assert.Equal(3L, Shown(title)));
    }

    [Fact]
    public async Task SigningOutTakesTheCountOffTheTitle()
    {
        var title = JSInterop.SetupModule("./js/unread-title.js");
        WithNotifications(1, Notification(1, NotificationTypes.MemberJoined, new { member = Member(Bob, TeamRoles.Member) }));
        await SignInAsync(Alice);
        var component = Render<UnreadTitle>();
        component.WaitForAssertion(() => Assert.Equal(1L, Shown(title)));

        // What the renderer does when the bell goes with the session.
        await component.Instance.DisposeAsync();

        Assert.Equal(0L, Shown(title));
    }

    static long? Shown(BunitJSModuleInterop title) =>
        title.Invocations["showUnread"].Select(call => (long?)call.Arguments[0]).LastOrDefault();
}
