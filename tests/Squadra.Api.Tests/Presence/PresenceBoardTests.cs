using Squadra.Api.Features.Presence;

namespace Squadra.Api.Tests.Presence;

/// <summary>The cluster's picture of who is online, as each replica keeps it from the announcements.</summary>
public sealed class PresenceBoardTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly Guid _replica1 = Guid.NewGuid();
    private readonly Guid _replica2 = Guid.NewGuid();
    private readonly Guid _ana = Guid.NewGuid();
    private readonly Guid _ben = Guid.NewGuid();

    [Fact]
    public void AUserIsOnlineFromTheirFirstReplicaToTheirLast()
    {
        var board = new PresenceBoard();

        Assert.True(board.Add(_replica1, _ana, s_start));
        Assert.False(board.Add(_replica2, _ana, s_start));
        Assert.False(board.Add(_replica2, _ana, s_start));
        Assert.False(board.Remove(_replica1, _ana, s_start));
        Assert.True(board.IsOnline(_ana));
        Assert.True(board.Remove(_replica2, _ana, s_start));
        Assert.False(board.IsOnline(_ana));
        Assert.False(board.Remove(_replica2, _ana, s_start));
    }

    [Fact]
    public void AReplicaNotHeardForTooLongTakesOnlyTheUsersOnlineNowhereElseOfflineWithIt()
    {
        var board = new PresenceBoard();
        board.Add(_replica1, _ana, s_start);
        board.Add(_replica1, _ben, s_start);
        board.Add(_replica2, _ben, s_start);
        board.Heard(_replica2, LocalPresence.Digest([_ben]), s_start.AddSeconds(8));

        var wentOffline = board.Expire(s_start.AddSeconds(5));

        Assert.Equal([(_ana, s_start)], wentOffline);
        Assert.False(board.IsOnline(_ana));
        Assert.True(board.IsOnline(_ben));
        Assert.Empty(board.Expire(s_start.AddSeconds(5)));
    }

    [Fact]
    public void AListReplacesWhatWasHeldForItsReplicaAndSaysWhoCameAndWent()
    {
        var board = new PresenceBoard();
        board.Add(_replica1, _ana, s_start);

        var (cameOnline, wentOffline) = board.Replace(_replica1, [_ben], s_start);

        Assert.Equal([_ben], cameOnline);
        Assert.Equal([_ana], wentOffline);
        Assert.True(board.Heard(_replica1, LocalPresence.Digest([_ben]), s_start));
        Assert.False(board.Heard(_replica1, LocalPresence.Digest([_ana, _ben]), s_start));
    }

    [Fact]
    public void TheDigestOfASetDoesNotDependOnItsOrder()
    {
        Assert.Equal(LocalPresence.Digest([_ana, _ben]), LocalPresence.Digest([_ben, _ana]));
        Assert.NotEqual(LocalPresence.Digest([_ana]), LocalPresence.Digest([_ben]));
        Assert.Equal(0, LocalPresence.Digest([]));
    }
}
