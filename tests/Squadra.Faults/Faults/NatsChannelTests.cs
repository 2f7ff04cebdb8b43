using Squadra.Faults.Infrastructure;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// Issue 23: the announcement channel may be a NATS cluster (SQUADRA_REALTIME_CHANNEL=nats: nats-1..3 under
/// supervision). The running stack is switched to it as an operator would (./run.sh again with the setting), then one
/// NATS node is killed with kill -9 under the workload: announcements are hints, so whatever the dead node was carrying
/// is found by the sweeps, and every subscriber still ends with every message exactly once. The stack is switched back
/// to PostgreSQL NOTIFY afterwards, so the other faults (in whatever order xunit runs the classes) test the default.
/// </summary>
[Collection(FaultStackCollection.Name)]
[TestCaseOrderer(ByOrder.TypeName, ByOrder.AssemblyName)]
public sealed class NatsChannelTests(FaultStack stack, ITestOutputHelper output)
{
    private static readonly TimeSpan s_observe = TimeSpan.FromSeconds(10);

    [Fact, Order(17), Trait("Matrix", "ci")]
    public async Task KillingANatsNodeUnderLoadLosesNoAnnouncementForGood()
    {
        await FaultRun.WaitHealthyAsync(stack, output);
        try
        {
            await stack.SwitchChannelAsync("nats");
            var status = await stack.RunScriptAsync(["status"]);
            Assert.Contains($"Announcements: NATS cluster, nodes (3): nats-1 127.0.0.1:{FaultStack.NatsPort}, nats-2 127.0.0.1:{FaultStack.NatsPort + 1}, nats-3 127.0.0.1:{FaultStack.NatsPort + 2}", status, StringComparison.Ordinal);
            Assert.True(await ConnectionsToNatsAsync() >= FaultStack.ReplicaCount, "the replicas hold no connection to the NATS cluster");

            await using var run = await FaultRun.StartAsync(stack, "kill -9 nats-1 (announcements over NATS)", output);
            var (back, report, checks) = await run.KillProgramAsync("nats-1", s_observe);

            Assert.Empty(checks.Problems);
            Assert.NotNull(back);
            Assert.Equal(0, report.FailedReads);
            Assert.Equal(0, report.FailedWriteAttempts);
        }
        finally
        {
            await stack.SwitchChannelAsync("postgres");
        }
        Assert.Contains("Announcements: PostgreSQL NOTIFY", await stack.RunScriptAsync(["status"]), StringComparison.Ordinal);
        Assert.Equal(0, await ConnectionsToNatsAsync());
    }

    // Established TCP connections to the cluster's client ports: the replicas' NATS connections.
    private static async Task<int> ConnectionsToNatsAsync()
    {
        var ports = string.Join(" or ", Enumerable.Range(FaultStack.NatsPort, 3).Select(p => $"dport = :{p}"));
        var sockets = await ProcessRunner.RunAsync("ss", ["-Htn", "state", "established", $"( {ports} )"]);
        return sockets.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
