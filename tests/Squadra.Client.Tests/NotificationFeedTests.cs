using Squadra.Client.Notifications;
using Squadra.Contracts.Notifications;

namespace Squadra.Client.Tests;

public sealed class NotificationFeedTests
{
    [Fact]
    public void NotificationsMergedInAnyOrderAndMoreThanOnceAppearOnceNewestFirst()
    {
        var feed = new NotificationFeed();

        List<long> order = [1, 3, 2, 3, 1, 2];

        var merged = order.Select(seq => feed.Merge(Joined(seq))).ToList();

        Assert.Equal([true, true, true, false, false, false], merged);
        Assert.Equal([3L, 2L, 1L], feed.Recent.Select(n => n.Seq));
        Assert.Equal(3, feed.Contiguous);
    }

    [Fact]
    public void ASeqThatSkipsAheadLeavesAHoleUntilTheMissingOneArrives()
    {
        var feed = new NotificationFeed();
        feed.Merge(Joined(1));

        feed.Merge(Joined(3));

        Assert.True(feed.HasHole);
        Assert.Equal(1, feed.Contiguous);
        Assert.Equal(3, feed.Highest);

        feed.Merge(Joined(2));

        Assert.False(feed.HasHole);
        Assert.Equal(3, feed.Contiguous);
    }

    [Fact]
    public void UnreadAreCountedOnceAndMarkingReadClearsThoseUpToTheSeq()
    {
        var feed = new NotificationFeed();
        feed.Merge(Joined(1, read: true));
        feed.Merge(Joined(2));
        feed.Merge(Joined(3));
        feed.Merge(Joined(3));

        Assert.Equal(2, feed.UnreadCount);

        feed.MarkRead(2, DateTimeOffset.UtcNow);

        Assert.Equal(1, feed.UnreadCount);
        Assert.NotNull(feed.Recent.Single(n => n.Seq == 2).ReadAt);
        Assert.Null(feed.Recent.Single(n => n.Seq == 3).ReadAt);
    }

    [Fact]
    public void OnlyTheNewestAreKeptForDisplayButAllUnreadAreCounted()
    {
        var feed = new NotificationFeed(capacity: 3);

        for (var seq = 1; seq <= 5; seq++)
            feed.Merge(Joined(seq));

        Assert.Equal([5L, 4L, 3L], feed.Recent.Select(n => n.Seq));
        Assert.Equal(5, feed.UnreadCount);
        Assert.False(feed.Merge(Joined(1)));
    }

    [Fact]
    public void AnotherNotificationAtAHeldSeqReplacesIt()
    {
        // The held one was a commit a database failover discarded; the server's later word about the seq wins.
        var feed = new NotificationFeed();
        feed.Merge(Joined(1, read: true));

        var other = new NotificationDto(1, NotificationTypes.MemberRemoved, "t-1", s_at.AddSeconds(3), null, default);

        Assert.True(feed.Merge(other));
        Assert.Equal(NotificationTypes.MemberRemoved, feed.Recent.Single().Type);
        Assert.Equal(1, feed.UnreadCount);
        Assert.False(feed.Merge(other));
    }

    static readonly DateTimeOffset s_at = DateTimeOffset.UtcNow;

    // A notification delivered twice is the same row twice: same seq, type and creation time.
    static NotificationDto Joined(long seq, bool read = false) =>
        new(seq, NotificationTypes.MemberJoined, "t-1", s_at, read ? s_at : null, default);
}
