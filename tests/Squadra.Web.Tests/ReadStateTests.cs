using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.DirectMessages;

namespace Squadra.Web.Tests;

/// <summary>Unread counts follow the server's read state of every device; the pane reports what it shows, forward only.</summary>
public sealed class ReadStateTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";
    const string ReadPath = "/api/teams/t-1/read";

    readonly ManualClock _clock = new();

    public ReadStateTests() => Services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task TheBadgeStartsFromTheServersReadStateAndAnotherDeviceReadingLowersItButNeverRaisesIt()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK,
            new[] { Team(TeamRoles.Member) with { LastMessageSeq = 10, LastReadSeq = 4 } });
        var sidebar = Render<TeamSidebar>();
        sidebar.WaitForAssertion(() => Assert.Equal("6", sidebar.Find("[data-testid=sidebar-unread]").TextContent));

        await Realtime.PushReadStateAsync(new ReadStatePush("t-1", null, 8));
        sidebar.WaitForAssertion(() => Assert.Equal("2", sidebar.Find("[data-testid=sidebar-unread]").TextContent));

        // A late, older push (another device's slower request) changes nothing.
        await Realtime.PushReadStateAsync(new ReadStatePush("t-1", null, 5));
        await Realtime.PushReadStateAsync(new ReadStatePush("t-1", null, 10));
        sidebar.WaitForAssertion(() => Assert.Empty(sidebar.FindAll("[data-testid=sidebar-unread]")));
    }

    [Fact]
    public async Task ADmReadOnAnotherDeviceLosesItsBadgeHere()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, Array.Empty<TeamDto>())
            .AnswerAlways(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[] { DmSidebarTests.Dm("d-1", 3, Earlier, Alice, Bob) with { LastReadSeq = 1 } });
        var sidebar = Render<TeamSidebar>();
        sidebar.WaitForAssertion(() => Assert.Equal("2", sidebar.Find("[data-testid=sidebar-dm-unread]").TextContent));

        await Realtime.PushReadStateAsync(new ReadStatePush(null, "d-1", 3));

        sidebar.WaitForAssertion(() => Assert.Empty(sidebar.FindAll("[data-testid=sidebar-dm-unread]")));
    }

    [Fact]
    public async Task ShowingTheChatMarksItsNewestMessageReadOnceAndAtMostOnceASecond()
    {
        var pane = await RenderPaneAsync(lastReadSeq: 5, Message(5), Message(6), Message(7));

        pane.WaitForAssertion(() => Assert.Equal([7L], MarkedSeqs()));

        await Realtime.PushMessageAsync(Message(8));
        await Realtime.PushMessageAsync(Message(9));
        pane.WaitForAssertion(() => Assert.Equal(["7", "8", "9"], pane.FindAll("[data-testid=message]").Skip(2).Select(m => m.GetAttribute("data-seq"))));
        Assert.Equal([7L], MarkedSeqs());

        // The second is over: the newest shown, once.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([7L, 9L], MarkedSeqs());
    }

    [Fact]
    public async Task WhatWasReadAlreadyIsNotMarkedAgain()
    {
        var pane = await RenderPaneAsync(lastReadSeq: 7, Message(6), Message(7));

        // Another device read further meanwhile: this one's view of the same messages is no news to the server.
        await Realtime.PushReadStateAsync(new ReadStatePush("t-1", null, 9));
        await Realtime.PushMessageAsync(Message(8));
        _clock.Advance(TimeSpan.FromSeconds(5));

        pane.WaitForAssertion(() => Assert.Equal("8", pane.FindAll("[data-testid=message]")[^1].GetAttribute("data-seq")));
        Assert.Empty(MarkedSeqs());
    }

    [Fact]
    public async Task MessagesArrivingWhileScrolledUpOrInAHiddenTabAreNotReadUntilShown()
    {
        var pane = await RenderPaneAsync(lastReadSeq: 1, Message(1));

        await pane.InvokeAsync(() => pane.Instance.NewestInView(false));
        await Realtime.PushMessageAsync(Message(2));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(MarkedSeqs());

        await pane.InvokeAsync(() => pane.Instance.TabVisible(false));
        await pane.InvokeAsync(() => pane.Instance.NewestInView(true));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(MarkedSeqs());

        await pane.InvokeAsync(() => pane.Instance.TabVisible(true));
        Assert.Equal([2L], MarkedSeqs());
    }

    [Fact]
    public async Task TheTabTitleCountsADmMessageOnceThoughItIsAlsoANotification()
    {
        var title = JSInterop.SetupModule("./js/unread-title.js");
        var message = DmSidebarTests.DmMessage("d-1", 2, Bob);
        WithNotifications(3,
            Notification(1, NotificationTypes.DmMessage, new { message = DmSidebarTests.DmMessage("d-1", 1, Bob) }, teamId: null),
            Notification(2, NotificationTypes.DmMessage, new { message }, teamId: null),
            Notification(3, NotificationTypes.MemberJoined, new { member = Member(Carol, TeamRoles.Member) }));
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[] { DmSidebarTests.Dm("d-1", 2, Earlier, Alice, Bob) });
        await Services.GetRequiredService<MyDms>().EnsureLoadedAsync();

        var component = Render<UnreadTitle>();

        // The DM's two messages and the one other notification.
        component.WaitForAssertion(() => Assert.Equal(3L, Shown(title)));
        await Realtime.PushReadStateAsync(new ReadStatePush(null, "d-1", 2));
        component.WaitForAssertion(() => Assert.Equal(1L, Shown(title)));
    }

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync(long lastReadSeq, params MessageDto[] newest)
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, newest);
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1"))
            .Add(p => p.MyRole, TeamRoles.Member).Add(p => p.LastReadSeq, lastReadSeq));
        pane.WaitForAssertion(() => Assert.Equal(newest.Length, pane.FindAll("[data-testid=message]").Count));
        return pane;
    }

    List<long> MarkedSeqs() =>
        [.. Api.To(HttpMethod.Put, ReadPath).Select(r => JsonSerializer.Deserialize<Squadra.Contracts.ReadState.MarkReadRequest>(Api.BodyOf(r)!, JsonSerializerOptions.Web)!.Seq!.Value)];

    static MessageDto Message(long seq) => new($"m-{seq}", "t-1", seq, Bob, $"message {seq}", DateTimeOffset.UtcNow, null, false);

    static long? Shown(BunitJSModuleInterop title) =>
        title.Invocations["showUnread"].Select(call => (long?)call.Arguments[0]).LastOrDefault();
}
