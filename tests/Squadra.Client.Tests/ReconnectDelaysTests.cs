using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Client.Realtime;

namespace Squadra.Client.Tests;

public sealed class ReconnectDelaysTests
{
    [Fact]
    public void TheLiveChannelNeverStopsTryingToReconnect()
    {
        var delays = new ReconnectDelays();

        var waits = Enumerable.Range(0, 100).Select(n => delays.NextRetryDelay(new RetryContext { PreviousRetryCount = n })).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)], waits.Take(4));
        Assert.All(waits, wait => Assert.NotNull(wait));
        Assert.Equal(TimeSpan.FromSeconds(5), waits[^1]);
    }
}
