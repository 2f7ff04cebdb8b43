using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Realtime;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Testing;

namespace Squadra.Api.Tests.Realtime;

/// <summary>
/// A connection whose set-up fails (a database failover, a client gone while connecting) leaves nothing registered:
/// SignalR does not call OnDisconnectedAsync after a failed OnConnectedAsync. It stayed counted for minutes on 5 Dec.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FailedConnectTests(ApiCluster cluster)
{
    [Fact]
    public async Task AConnectionWhoseSetUpFailsLeavesNothingRegistered()
    {
        await using var replica = cluster.StartReplica("api-failing-connect",
            services: services => services.AddSingleton<IConnectionObserver, FailingObserver>());
        var client = replica.CreateClient();
        var user = await TestUser.SignUpAsync(client);
        var registry = replica.Services.GetRequiredService<ConnectionRegistry>();

        await Assert.ThrowsAnyAsync<Exception>(async () => await HubListener.ConnectAsync(client, user.Token));

        Assert.True(await Eventually.FindAsync(() => registry.ConnectionCount == 0, TimeSpan.FromSeconds(5)),
            $"{registry.ConnectionCount} connection(s) still registered");
        Assert.False(registry.IsConnected(Guid.Parse(user.User.Id)));
    }

    private sealed class FailingObserver : IConnectionObserver
    {
        public Task OnConnectedAsync(Guid userId, string connectionId, CancellationToken ct) =>
            throw new InvalidOperationException("The set-up of this connection fails.");

        public void OnUserGone(Guid userId)
        {
        }
    }
}
