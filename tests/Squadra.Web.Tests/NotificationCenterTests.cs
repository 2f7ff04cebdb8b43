using System.Net;
using System.Text.Json;
using Squadra.Contracts.Notifications;

namespace Squadra.Web.Tests;

public sealed class NotificationCenterTests : SquadraTestContext
{
    [Fact]
    public async Task SigningInConnectsAndLoadsTheHistoryWithTheUnreadCount()
    {
        WithNotifications(unread: 1, Received(1, read: true), Received(2));
        await SignInAsync(Alice);

        await WaitUntilAsync(() => Notifications.Recent.Count == 2);
        Assert.Equal(1, Realtime.Starts);
        Assert.Equal(1, Notifications.UnreadCount);
        var first = Query(Api.To(HttpMethod.Get, "/api/notifications").Single());
        Assert.False(first.ContainsKey("after"));
        Assert.Equal(NotificationCenter.NewestPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), first["limit"]);
    }

    [Fact]
    public async Task OnlyTheNewestPageIsReadAtStartAndOlderUnreadStillCount()
    {
        WithNotifications(unread: 5, Received(900), Received(901, read: true));
        await SignInAsync(Alice);

        await WaitUntilAsync(() => Notifications.IsLoaded);
        Assert.Single(Api.To(HttpMethod.Get, "/api/notifications"));
        // 1 unread in the page, so 4 older unread ones the feed does not hold.
        Assert.Equal(5, Notifications.UnreadCount);

        await Realtime.PushAsync(Received(902));

        Assert.Equal(6, Notifications.UnreadCount);
        Assert.Single(Api.To(HttpMethod.Get, "/api/notifications"));
    }

    [Fact]
    public async Task AfterAReconnectItAsksOnlyForWhatCameAfterTheLastSeqItHolds()
    {
        WithNotifications(0, Received(1), Received(2));
        await SignInAsync(Alice);
        await WaitUntilAsync(() => Notifications.Recent.Count == 2);
        await Realtime.PushAsync(Received(3));
        Api.Answer(HttpMethod.Get, "/api/notifications", HttpStatusCode.OK, new[] { Received(3), Received(4) });

        await Realtime.ConnectAsync();

        await WaitUntilAsync(() => Notifications.Recent.Count == 4);
        Assert.Equal("3", Query(Api.To(HttpMethod.Get, "/api/notifications")[^1])["after"]);
        Assert.Equal([4L, 3L, 2L, 1L], Notifications.Recent.Select(n => n.Seq));
        Assert.Equal(4, Notifications.UnreadCount);
    }

    [Fact]
    public async Task APushThatSkipsASeqFetchesTheMissingOne()
    {
        WithNotifications(0, Received(1));
        await SignInAsync(Alice);
        await WaitUntilAsync(() => Notifications.Recent.Count == 1);
        Api.Answer(HttpMethod.Get, "/api/notifications", HttpStatusCode.OK, new[] { Received(2), Received(3) });

        await Realtime.PushAsync(Received(3));

        await WaitUntilAsync(() => Notifications.Recent.Count == 3);
        Assert.Equal("1", Query(Api.To(HttpMethod.Get, "/api/notifications")[^1])["after"]);
        Assert.Equal(3, Notifications.UnreadCount);
    }

    [Fact]
    public async Task ACatchUpLongerThanAPageIsReadPageByPage()
    {
        WithNotifications(0, Received(1, read: true));
        await SignInAsync(Alice);
        await WaitUntilAsync(() => Notifications.IsLoaded);
        var missed = Enumerable.Range(2, NotificationCenter.PageSize).Select(seq => Received(seq)).ToArray();
        Api.Answer(HttpMethod.Get, "/api/notifications", HttpStatusCode.OK, missed)
            .Answer(HttpMethod.Get, "/api/notifications", HttpStatusCode.OK, new[] { Received(NotificationCenter.PageSize + 2) });

        await Realtime.ConnectAsync();

        await WaitUntilAsync(() => Api.To(HttpMethod.Get, "/api/notifications").Count == 3);
        await WaitUntilAsync(() => Notifications.Recent[0].Seq == NotificationCenter.PageSize + 2);
        Assert.Equal((NotificationCenter.PageSize + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Query(Api.To(HttpMethod.Get, "/api/notifications")[2])["after"]);
        Assert.Equal(NotificationCenter.PageSize + 1, Notifications.UnreadCount);
    }

    [Fact]
    public async Task MarkAllReadSendsTheHighestSeqAndClearsTheCount()
    {
        WithNotifications(2, Received(1), Received(2));
        await SignInAsync(Alice);
        await WaitUntilAsync(() => Notifications.UnreadCount == 2 && Notifications.Recent.Count == 2);
        Api.Answer(HttpMethod.Post, "/api/notifications/read", HttpStatusCode.NoContent);

        await Notifications.MarkAllReadAsync();

        var read = Api.To(HttpMethod.Post, "/api/notifications/read").Single();
        Assert.Equal(2, JsonSerializer.Deserialize<MarkReadRequest>(Api.BodyOf(read)!, JsonSerializerOptions.Web)!.UpToSeq);
        Assert.Equal(0, Notifications.UnreadCount);
        Assert.All(Notifications.Recent, n => Assert.NotNull(n.ReadAt));
    }

    [Fact]
    public async Task SigningOutStopsTheConnectionAndForgetsTheNotifications()
    {
        WithNotifications(1, Received(1));
        await SignInAsync(Alice);
        await WaitUntilAsync(() => Notifications.Recent.Count == 1);

        await Session.SignOutAsync();

        Assert.Equal(1, Realtime.Stops);
        Assert.Empty(Notifications.Recent);
        Assert.Equal(0, Notifications.UnreadCount);
    }

    static NotificationDto Received(long seq, bool read = false) =>
        Notification(seq, NotificationTypes.InvitationReceived, new { invitation = Invitation($"i-{seq}", Bob, Alice) }, read: read);

    static Dictionary<string, string> Query(HttpRequestMessage request) =>
        request.RequestUri!.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=')).ToDictionary(p => p[0], p => p[1]);

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 2000, "The condition did not become true in time.");
            await Task.Delay(10);
        }
    }
}
