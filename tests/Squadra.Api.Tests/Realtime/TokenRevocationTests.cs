using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Testing;

namespace Squadra.Api.Tests.Realtime;

/// <summary>
/// A hub connection is authenticated once, when it opens: before issue 15 a connection kept receiving chat and
/// notifications after its token was logged out, and after it expired. Now a revoked token's connections close on
/// every replica within 2 s, and a connection closes when its token expires.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TokenRevocationTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task LoggingOutClosesThatTokensConnectionsOnEveryReplicaAndNoOther()
    {
        var user = await cluster.NewUserAsync();
        var otherDevice = await cluster.Replica2.CreateClient().LoginAsync(user.Username);
        await using var onReplica1 = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), user.Token);
        await using var onReplica2 = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), user.Token);
        await using var otherToken = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), otherDevice.AccessToken);

        var clock = Stopwatch.StartNew();
        using (var logout = await user.SendAsync(HttpMethod.Post, "/api/auth/logout"))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.True(await Eventually.FindAsync(() => onReplica1.State == HubConnectionState.Disconnected && onReplica2.State == HubConnectionState.Disconnected, s_bound),
            $"after {clock.Elapsed}: replica 1 {onReplica1.State}, replica 2 {onReplica2.State}");
        Assert.Equal(HubConnectionState.Connected, otherToken.State);
    }

    [Fact]
    public async Task AConnectionClosesWhenItsTokenExpires()
    {
        var user = await cluster.NewUserAsync();
        // SignalR compares the token's expiry (exp, without validation's clock skew) with the time as it goes.
        var shortLived = TokenMinter.Mint(user.User.Id, DateTime.UtcNow.AddSeconds(6));
        await using var hub = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), shortLived);

        Assert.True(await Eventually.FindAsync(() => hub.State == HubConnectionState.Disconnected, TimeSpan.FromSeconds(15)),
            $"still {hub.State} after the token expired");
    }
}
