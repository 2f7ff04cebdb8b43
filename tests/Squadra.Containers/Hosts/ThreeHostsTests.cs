using System.Net.Http.Json;
using System.Net;
using Squadra.Containers.Infrastructure;
using Squadra.Contracts.Operations;
using Squadra.Testing;

namespace Squadra.Containers.Hosts;

/// <summary>
/// The seed's layout on hosts of its own (./test.sh hosts; HostsDeployment), in order: the user journey through the
/// edge host's gateway, each host running only its own containers, kill -9 of a backend's main process on the app host,
/// the database primary's host unplugged (its namespace's link cut) and plugged in again, and at the end every
/// acknowledged message in the history exactly once. The timings go to artifacts/hosts/last-run.md.
/// </summary>
[Collection(HostsCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class ThreeHostsTests(HostsDeployment deployment)
{
    private static readonly TimeSpan s_pushTimeout = TimeSpan.FromSeconds(15);

    private Scene Scene => deployment.Scene ?? throw new InvalidOperationException("the user journey (step 1) did not set the scene up");

    [Fact]
    [Step(1)]
    public async Task UserJourneyThroughTheEdgeHostsGateway()
    {
        using var gateway = Api.Client(deployment.Gateway);
        var owner = await Api.SignUpAsync(gateway);
        var member = await Api.SignUpAsync(gateway);
        var team = await Api.TeamOfTwoAsync(gateway, owner, member);
        var scene = new Scene(owner, member, team);
        deployment.Scene = scene;

        // The member's realtime connection goes through the gateway too (a WebSocket upgraded by nginx on the edge host,
        // proxied to a backend on the app host).
        await using var memberLive = await PushRecorder.ConnectAsync(deployment.Gateway, member.AccessToken);
        var (message, _, failure) = await Api.TryPostMessageAsync(gateway, scene, "hello across hosts", Guid.NewGuid().ToString());
        Assert.Null(failure);
        scene.Acknowledged.Add(message!);
        await PushRecorder.WaitForAsync("the message, pushed live to the member", memberLive.Messages, m => m.Id == message!.Id, s_pushTimeout);
        var history = await Api.HistoryAsync(gateway, scene);
        Assert.Contains(history, m => m.Id == message!.Id && m.Body == "hello across hosts");

        // Both backends answer through the gateway.
        var servers = new HashSet<string>();
        for (var i = 0; i < 30 && servers.Count < 2; i++)
        {
            using var request = Api.Authorized(HttpMethod.Get, "/api/me", owner.AccessToken);
            using var response = await gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            servers.Add(Api.ServedBy(response) ?? "(none)");
        }
        Assert.Equal("api-1 api-2", string.Join(' ', servers.Order()));

        // Each backend, asked on the address the app host publishes it on (the gateway keeps /api/cluster to the replicas'
        // own ports), knows the other at the address it was given (SQUADRA_API1_URL, SQUADRA_API2_URL) and the database nodes
        // at theirs (SQUADRA_DB_HOSTS).
        ClusterDto? cluster = null;
        foreach (var (name, port) in new[] { ("api-1", 8081), ("api-2", 8082) })
        {
            using var direct = Api.Client(new Uri($"http://{HostsDeployment.Addresses["app"]}:{port}"));
            using var request = Api.Authorized(HttpMethod.Get, "/api/cluster", owner.AccessToken);
            using var response = await direct.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            cluster = await response.Content.ReadFromJsonAsync<ClusterDto>();
            Assert.Equal(name, cluster!.Replica);
            Assert.Equal($"http://{HostsDeployment.Addresses["app"]}:8081 http://{HostsDeployment.Addresses["app"]}:8082",
                string.Join(' ', cluster.Replicas.Select(r => r.Url).Order()));
            Assert.All(cluster.Replicas, r => Assert.True(r.Healthy, $"{r.Name} ({r.Url}) not healthy as seen by {name}"));
            Assert.Equal($"{HostsDeployment.Addresses["db1"]} {HostsDeployment.Addresses["db2"]}", string.Join(' ', cluster.Database.Nodes.Select(n => n.Host).Order()));
        }
        deployment.Note($"user journey through the gateway at {deployment.Gateway}: register two users, team, invite, accept, post; pushed live " +
            $"to the other over SignalR through the gateway; in the history; both backends answer through the gateway; /api/cluster names both backends at " +
            $"{string.Join(", ", cluster!.Replicas.Select(r => r.Url))} (both healthy, as each replica sees them) and the database nodes at " +
            $"{string.Join(", ", cluster.Database.Nodes.Select(n => $"{n.Host}:{n.Port} {n.Role}"))}: passed");
    }

    [Fact]
    [Step(2)]
    public async Task EachHostRunsItsOwnContainersOnly()
    {
        var lines = new List<string>();
        foreach (var (host, services) in HostsDeployment.Services)
        {
            var names = (await HostsDeployment.OnHostCheckedAsync(host, "podman", "ps", "-a", "--format", "{{.Names}}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(name => name.StartsWith("squadra-", StringComparison.Ordinal))
                .Order()
                .ToArray();
            Assert.Equal(services.Select(service => HostsDeployment.Container(host, service)).Order().ToArray(), names);
            var address = await HostsDeployment.OnHostCheckedAsync(host, "ip", "-4", "-o", "addr", "show", "dev", "eth0");
            Assert.Contains($"inet {HostsDeployment.Addresses[host]}/24", address, StringComparison.Ordinal);
            lines.Add($"{host} {HostsDeployment.Addresses[host]}: {string.Join(", ", services)}");
        }
        // Outside the hosts (the machine's own podman) none of them exists.
        var machine = await ComposeDeployment.PodmanCheckedAsync("ps", "-a", "--format", "{{.Names}}");
        Assert.DoesNotContain("squadra-h-", machine, StringComparison.Ordinal);
        deployment.Note($"each host runs its own containers only, in its own network namespace and podman: {string.Join("; ", lines)}: passed");
    }

    [Fact]
    [Step(3)]
    public async Task KillingTheMainProcessOfApi1OnTheAppHostCostsNoRequestAtTheGateway()
    {
        await using var traffic = GatewayTraffic.Start(deployment.Gateway, Scene, "kill", readers: 2, writers: 1, retryWrites: false);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = await HostsDeployment.StateAsync("api-1");
        var container = HostsDeployment.Container("app", "api-1");
        var pid = (await HostsDeployment.OnHostCheckedAsync("app", "podman", "exec", container, "pgrep", "-x", "Squadra.Api")).Split('\n')[^1].Trim();

        var killedAt = traffic.Now;
        await HostsDeployment.OnHostCheckedAsync("app", "podman", "exec", container, "kill", "-9", pid);
        await Eventually.UntilAsync("api-1 restarted by its restart policy", TimeSpan.FromSeconds(60), async () =>
            await HostsDeployment.StateAsync("api-1") is { State: "running" } now && now.Restarts > before.Restarts);
        var restarted = traffic.Now - killedAt;
        await Eventually.UntilAsync("api-1 ready again", TimeSpan.FromSeconds(90), () => HostsDeployment.IsHealthyAsync("api-1"));
        var ready = traffic.Now - killedAt;
        await Eventually.UntilAsync("the gateway sending api-1 traffic again", TimeSpan.FromSeconds(30), () =>
            Task.FromResult(traffic.Samples.Any(s => s.At > killedAt + ready && s.ServedBy == "api-1" && s.Failure is null)));
        var serving = traffic.Samples.First(s => s.At > killedAt + ready && s.ServedBy == "api-1" && s.Failure is null).At - killedAt;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await traffic.StopAsync();

        var samples = traffic.Samples;
        var failures = samples.Where(s => s.Failure is not null).ToList();
        var byApi2 = samples.Count(s => s.At > killedAt && s.At < killedAt + ready && s.ServedBy == "api-2");
        deployment.Note($"kill -9 of Squadra.Api in api-1 (app host): container restarted after {HostsDeployment.Seconds(restarted)}, ready after " +
            $"{HostsDeployment.Seconds(ready)}, served through the gateway again after {HostsDeployment.Seconds(serving)}; {samples.Count} gateway " +
            $"requests in the step ({byApi2} answered by api-2 while api-1 was down), {failures.Count} failed, slowest " +
            $"{HostsDeployment.Seconds(samples.Max(s => s.Latency))}");
        Assert.True(failures.Count == 0, $"failed requests at the gateway: {string.Join("; ", failures.Take(10))}");
        Assert.True(byApi2 > 0, "no request answered by api-2 while api-1 was down");
    }

    [Fact]
    [Step(4)]
    public async Task LosingThePrimarysHostPromotesTheStandbyAndLosesNothingAcknowledged()
    {
        var primary = await HostsDeployment.PrimaryServiceAsync() ?? throw new InvalidOperationException("no primary database node");
        var standby = primary == "pg-node1" ? "pg-node2" : "pg-node1";
        var lostHost = HostsDeployment.HostOf(primary);
        await using var traffic = GatewayTraffic.Start(deployment.Gateway, Scene, "host-lost", readers: 1, writers: 2, retryWrites: true);
        await Task.Delay(TimeSpan.FromSeconds(3));

        // The primary's host drops off the network: its cable pulled (the veth on the bridge side down). Its containers
        // keep running, unreachable: the other hosts see only silence, no refused connection.
        var cutAt = traffic.Now;
        await HostsDeployment.LinkAsync(lostHost, up: false);
        try
        {
            await Eventually.UntilAsync($"{standby} promoted", TimeSpan.FromSeconds(120), async () =>
                await HostsDeployment.PrimaryServiceAsync() == standby);
            var promoted = traffic.Now - cutAt;
            await Eventually.UntilAsync("writes acknowledged after the promotion", TimeSpan.FromSeconds(60), () =>
                Task.FromResult(traffic.Acks.Count(a => a.At > cutAt + promoted) >= 5));
            var acks = traffic.Acks;
            var (gapEnd, gap) = acks.Zip(acks.Skip(1), (a, b) => (End: b.At, Gap: b.At - a.At))
                .Where(pair => pair.End > cutAt)
                .MaxBy(pair => pair.Gap);
            var writesBack = gapEnd - cutAt;
            var states = await HostsDeployment.DatabaseStatesAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));

            // Plugged in again: the old primary (demoted by the monitor meanwhile) rejoins as the standby.
            var pluggedAt = traffic.Now;
            await HostsDeployment.LinkAsync(lostHost, up: true);
            await Eventually.UntilAsync($"{primary} back as the secondary", TimeSpan.FromSeconds(180), async () =>
                (await HostsDeployment.DatabaseStatesAsync()).Where(s => s.Reported == s.Assigned).Select(s => s.Reported).Order()
                    .SequenceEqual(["primary", "secondary"]));
            var rejoined = traffic.Now - pluggedAt;
            await Task.Delay(TimeSpan.FromSeconds(3));
            await traffic.StopAsync();

            var writes = traffic.Samples.Where(s => s.Kind == "write").ToList();
            deployment.Note($"host {lostHost} ({HostsDeployment.Addresses[lostHost]}, {primary}, the primary) unplugged: {standby} promoted after " +
                $"{HostsDeployment.Seconds(promoted)} (monitor's view then: {string.Join(", ", states.Select(s => $"{s.Node} {s.Reported}/{s.Assigned}"))}), " +
                $"writes acknowledged again {HostsDeployment.Seconds(writesBack)} after the cut (longest time without an acknowledged write: " +
                $"{HostsDeployment.Seconds(gap)}); plugged in again: {primary} back as synchronous standby after {HostsDeployment.Seconds(rejoined)}; " +
                $"{traffic.Acks.Count} writes acknowledged during the step, {writes.Count(s => s.Failure is not null)} attempts failed and were retried " +
                $"with the same Idempotency-Key");
            // A failover, not an outage: bounds only a regression exceeds (this machine: see artifacts/hosts/last-run.md).
            Assert.True(writesBack < TimeSpan.FromSeconds(90), $"writes acknowledged again only {HostsDeployment.Seconds(writesBack)} after the cut");
        }
        finally
        {
            await HostsDeployment.LinkAsync(lostHost, up: true);
        }
    }

    [Fact]
    [Step(5)]
    public async Task EveryAcknowledgedMessageIsInTheHistoryExactlyOnce()
    {
        using var gateway = Api.Client(deployment.Gateway);
        var history = await Api.HistoryAsync(gateway, Scene);
        var ids = history.Select(m => m.Id).ToHashSet();
        var missing = Scene.Acknowledged.Where(m => !ids.Contains(m.Id)).ToList();
        var bodies = history.GroupBy(m => m.Body).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        deployment.Note($"history: {history.Count} messages, {Scene.Acknowledged.Count} acknowledged during the run, {missing.Count} of them missing, " +
            $"{bodies.Count} written twice");
        Assert.Empty(missing);
        Assert.Equal(history.Count, ids.Count);
        // Each writer's message n is posted until acknowledged under one Idempotency-Key: a retry never makes a second one.
        Assert.Empty(bodies);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(m => m.Seq));
        foreach (var acknowledged in Scene.Acknowledged)
        {
            Assert.Equal(acknowledged.Seq, history.Single(m => m.Id == acknowledged.Id).Seq);
        }
        deployment.Note($"database state at the end:\n\n```\n{(await HostsDeployment.ShowStateAsync()).TrimEnd()}\n```");
    }
}
