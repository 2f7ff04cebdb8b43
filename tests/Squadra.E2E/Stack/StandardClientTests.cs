using System.Diagnostics;
using System.Globalization;
using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Stack;

/// <summary>
/// Issue 24: a standard SignalR client (the official JavaScript one) through the gateway, with its defaults and
/// with each transport forced. Negotiate and the connection it names must reach the same replica, with no
/// session kept on the server: the gateway routes every hub request by its access token (a consistent hash),
/// and over to the other replica when that one is down.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class StandardClientTests(RunningStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Modes => new()
    {
        { "default", "WebSocketTransport" },
        { "websockets", "WebSocketTransport" },
        { "sse", "ServerSentEventsTransport" },
        { "longpolling", "LongPollingTransport" },
        { "websockets-skip-negotiation", "WebSocketTransport" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ConnectsReceivesAndReconnectsAfterItsReplicaIsKilled(string mode, string transport)
    {
        using var gateway = stack.Client();
        var owner = await RunningStack.SignUpAsync(gateway);
        var team = await ApiCalls.TeamOfTwoAsync(gateway, owner, await RunningStack.SignUpAsync(gateway), $"JS {mode}");
        var before = await SettledHubConnectionsAsync();

        await using (var client = StandardSignalRClient.Start(stack.Gateway, owner.AccessToken, mode))
        {
            var connected = await client.WaitForAsync("connected", Patience);
            Assert.Equal(transport, connected.GetProperty("transport").GetString());
            await ApiCalls.PostUntilAcknowledgedAsync(gateway, owner.AccessToken, team.Id, "before the kill");
            await client.WaitForMessageAsync("before the kill", Patience);

            var victim = await HubReplicas.HoldingTheNewConnectionAsync(stack, before);
            await ProcessRunner.RunCheckedAsync("kill", ["-9", (await stack.ProcessIdAsync(victim)).ToString(CultureInfo.InvariantCulture)]);

            await client.WaitForAsync("reconnecting", Patience);
            var reconnected = await client.WaitForAsync("reconnected", Patience);
            Assert.Equal(transport, reconnected.GetProperty("transport").GetString());
            await ApiCalls.PostUntilAcknowledgedAsync(gateway, owner.AccessToken, team.Id, "after the kill");
            await client.WaitForMessageAsync("after the kill", Patience);
        }
    }

    [Fact]
    public async Task RestRequestsOfOneTokenStillReachBothReplicas()
    {
        using var gateway = stack.Client();
        var session = await RunningStack.SignUpAsync(gateway);
        await WaitUntilBothReplicasAreReadyAsync();

        // A replica the gateway saw fail (a test before this one kills one) is passed over for its fail_timeout (2 s,
        // deploy/nginx) even once it is ready again: ask for a while, not ten times in a row (flaky on 5 Dec: all ten
        // went to api-2 right after api-1's restart).
        var servedBy = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        for (var asked = 0; asked < 10 || (servedBy.Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(10)); asked++)
        {
            using var response = await gateway.SendAsync(RunningStack.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));
            response.EnsureSuccessStatusCode();
            servedBy.UnionWith(response.Headers.GetValues("X-Served-By"));
            if (asked >= 10)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(["api-1", "api-2"], servedBy.Order());
    }

    /// <summary>
    /// Both replicas up (one may be coming back from a kill) and their hub connection counts still for half a second: the
    /// test's own connection is then found as the one more. (It waited for no connection at all, and on 5 Dec one that
    /// stayed open on a replica from an earlier test for minutes failed all five modes; which test left it is not known.)
    /// </summary>
    private async Task<Dictionary<string, long>> SettledHubConnectionsAsync()
    {
        await WaitUntilBothReplicasAreReadyAsync();
        var clock = Stopwatch.StartNew();
        var counts = await HubReplicas.ConnectionCountsAsync(stack);
        while (true)
        {
            await Task.Delay(500);
            var again = await HubReplicas.ConnectionCountsAsync(stack);
            if (again.OrderBy(c => c.Key).SequenceEqual(counts.OrderBy(c => c.Key)))
            {
                return again;
            }
            Assert.True(clock.Elapsed < Patience, $"the hub connections did not settle: {string.Join(", ", again)}");
            counts = again;
        }
    }

    private async Task WaitUntilBothReplicasAreReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        foreach (var port in new[] { RunningStack.Api1Port, RunningStack.Api2Port })
        {
            using var direct = stack.Client(port);
            while (!await RunningStack.IsReadyAsync(direct))
            {
                Assert.True(clock.Elapsed < Patience, $"the replica on port {port} did not come back");
                await Task.Delay(200);
            }
        }
    }
}
