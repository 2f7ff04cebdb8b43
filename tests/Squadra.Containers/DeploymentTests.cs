using System.Net;
using Squadra.Client;
using Squadra.Containers.Infrastructure;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Testing;

namespace Squadra.Containers;

/// <summary>
/// One deployment's story, in order: the smoke journey through the gateway, where the database can be reached
/// from, then one fault at a time (each the issue's: a backend's main process killed, the database primary's
/// container stopped, a backend cut off from the database network), and at the end every acknowledged message
/// is in the history. The timings go to artifacts/containers/last-run.md.
/// </summary>
[Collection(DeploymentCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class DeploymentTests(ComposeDeployment deployment)
{
    private static readonly TimeSpan s_pushTimeout = TimeSpan.FromSeconds(15);

    private Scene Scene => deployment.Scene ?? throw new InvalidOperationException("the smoke journey (step 1) did not set the scene up");

    [Fact]
    [Step(1)]
    public async Task SmokeJourneyThroughTheGatewayWithRealtimeAcrossReplicas()
    {
        using var gateway = Api.Client(deployment.Gateway);
        var owner = await Api.SignUpAsync(gateway);
        var member = await Api.SignUpAsync(gateway);
        var team = await Api.TeamOfTwoAsync(gateway, owner, member);
        var scene = new Scene(owner, member, team);
        deployment.Scene = scene;

        // The owner's client is on api-1, the member's on api-2 (each pinned by its own port), and the member
        // has a second one through the gateway (WebSocket upgrade by nginx).
        await using var ownerOnApi1 = await PushRecorder.ConnectAsync(ComposeDeployment.Replica("api-1"), owner.AccessToken);
        await using var memberOnApi2 = await PushRecorder.ConnectAsync(ComposeDeployment.Replica("api-2"), member.AccessToken);
        await using var memberThroughGateway = await PushRecorder.ConnectAsync(deployment.Gateway, member.AccessToken);

        using var api1 = Api.Client(ComposeDeployment.Replica("api-1"));
        var (message, servedBy, failure) = await Api.TryPostMessageAsync(api1, scene, "hello from api-1", Guid.NewGuid().ToString());
        Assert.Null(failure);
        Assert.Equal("api-1", servedBy);
        scene.Acknowledged.Add(message!);
        await PushRecorder.WaitForAsync("the message, on api-2", memberOnApi2.Messages, m => m.Id == message!.Id, s_pushTimeout);
        await PushRecorder.WaitForAsync("the message, through the gateway", memberThroughGateway.Messages, m => m.Id == message!.Id, s_pushTimeout);
        await PushRecorder.WaitForAsync("the owner's own message, on api-1", ownerOnApi1.Messages, m => m.Id == message!.Id, s_pushTimeout);

        var created = await Api.As(gateway, owner).CreateEventAsync(team.Id,
            new CreateEventRequest("Retrospective", DateTimeOffset.UtcNow.AddDays(2).ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ActionKey.NewKey()).ValueOrThrowAsync();
        bool IsTheEvent(NotificationDto n) =>
            n.Type == NotificationTypes.EventCreated && n.Data.GetProperty("event").GetProperty("id").GetString() == created.Id;
        await PushRecorder.WaitForAsync("event.created, on api-2", memberOnApi2.Notifications, IsTheEvent, s_pushTimeout);
        await PushRecorder.WaitForAsync("event.created, through the gateway", memberThroughGateway.Notifications, IsTheEvent, s_pushTimeout);

        // Every replica answers through the gateway, each naming itself.
        var servers = new HashSet<string>();
        for (var i = 0; i < 30 && servers.Count < ComposeDeployment.Replicas.Length; i++)
        {
            using var request = Api.Authorized(HttpMethod.Get, "/api/me", owner.AccessToken);
            using var response = await gateway.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            servers.Add(Api.ServedBy(response) ?? "(none)");
        }
        Assert.Equal(ComposeDeployment.Replicas, servers.Order());
        deployment.Note("smoke journey: register, team, invite, accept; a message posted on api-1 pushed to a client on api-2 and one through the gateway; event created and event.created pushed: passed");
    }

    [Fact]
    [Step(2)]
    public async Task StatusShowsEveryContainerHealthyAndThePrimary()
    {
        var status = await ComposeDeployment.RunScriptAsync("status.sh", [], TimeSpan.FromMinutes(2));

        foreach (var service in new[] { "pg-monitor", "pg-node1", "pg-node2", "api-1", "api-2", "api-3", "frontend-1", "frontend-2", "gateway" })
        {
            Assert.Matches($@"(?m)^{service} +\S+ +running +healthy$", status);
        }
        Assert.Matches(@"(?m)^ *node[12] .*\| +primary +\| +primary *$", status);
        deployment.Note("./deploy/compose/status.sh: every container running and healthy, the primary named: passed");
    }

    [Fact]
    [Step(3)]
    public async Task TheDatabaseIsReachableFromTheBackendsOnly()
    {
        var api1 = await ComposeDeployment.ContainerOfAsync("api-1");
        Assert.Equal(0, (await ComposeDeployment.PodmanAsync("exec", api1, "getent", "hosts", "pg-node1")).ExitCode);
        var nodeAddress = (await ComposeDeployment.PodmanCheckedAsync("exec", api1, "getent", "ahostsv4", "pg-node1")).Split(' ')[0];

        foreach (var service in new[] { "gateway", "frontend-1" })
        {
            var container = await ComposeDeployment.ContainerOfAsync(service);
            Assert.NotEqual(0, (await ComposeDeployment.PodmanAsync("exec", container, "getent", "hosts", "pg-node1")).ExitCode);
            var connect = await ComposeDeployment.PodmanAsync("exec", container, "timeout", "3", "bash", "-c", $"</dev/tcp/{nodeAddress}/5432");
            Assert.True(connect.ExitCode != 0, $"{service} reached PostgreSQL at {nodeAddress}:5432");
        }
        foreach (var service in new[] { "pg-monitor", "pg-node1", "pg-node2" })
        {
            Assert.Equal("", await ComposeDeployment.PodmanCheckedAsync("port", await ComposeDeployment.ContainerOfAsync(service)));
        }
        Assert.Equal("true", await ComposeDeployment.PodmanCheckedAsync("network", "inspect", "--format", "{{.Internal}}", ComposeDeployment.DatabaseNetwork));
        deployment.Note("database reachable from the backends only: no published port, internal network, not resolvable nor reachable from the gateway and a frontend: passed");
    }

    [Fact]
    [Step(4)]
    public async Task KillingTheMainProcessOfApi1RestartsItWithoutAFailedRequestAtTheGateway()
    {
        var primaryBefore = await ComposeDeployment.PrimaryServiceAsync();
        await using var traffic = GatewayTraffic.Start(deployment.Gateway, Scene, "kill", readers: 2, writers: 1, retryWrites: false);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = await ComposeDeployment.StateAsync("api-1");
        var container = await ComposeDeployment.ContainerOfAsync("api-1");
        var pid = await ComposeDeployment.PodmanCheckedAsync("exec", container, "pgrep", "-x", "Squadra.Api");

        var killedAt = traffic.Now;
        var loadAtKill = LoadAverage.Now();
        await ComposeDeployment.PodmanCheckedAsync("exec", container, "kill", "-9", pid);
        await Eventually.UntilAsync("api-1 restarted by its restart policy", TimeSpan.FromSeconds(60), async () =>
            await ComposeDeployment.StateAsync("api-1") is { State: "running" } now && now.Restarts > before.Restarts);
        var restarted = traffic.Now - killedAt;
        await Eventually.UntilAsync("api-1 ready again", TimeSpan.FromSeconds(90), () => ComposeDeployment.IsHealthyAsync("api-1"));
        var ready = traffic.Now - killedAt;
        await Eventually.UntilAsync("the gateway sending api-1 traffic again", TimeSpan.FromSeconds(30), () =>
            Task.FromResult(traffic.Samples.Any(s => s.At > killedAt + ready && s.ServedBy == "api-1" && s.Failure is null)));
        var serving = traffic.Samples.First(s => s.At > killedAt + ready && s.ServedBy == "api-1" && s.Failure is null).At - killedAt;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await traffic.StopAsync();

        var samples = traffic.Samples;
        var failures = samples.Where(s => s.Failure is not null).ToList();
        deployment.Note($"kill -9 of Squadra.Api in api-1 (load average {loadAtKill}): container restarted after {ComposeDeployment.Seconds(restarted)}, ready after {ComposeDeployment.Seconds(ready)}, " +
            $"served through the gateway again after {ComposeDeployment.Seconds(serving)}; {samples.Count} gateway requests meanwhile, {failures.Count} failed, " +
            $"{samples.Count(s => s.Kind is GatewayTraffic.RetriedRead or GatewayTraffic.RetriedWrite)} requests answered when tried again (their first answer cut by the kill), " +
            $"slowest {ComposeDeployment.Seconds(samples.Max(s => s.Latency))}");
        // Not this step's fault, and nothing is lost by it, but worth seeing in the report when the machine starved.
        if (await ComposeDeployment.PrimaryServiceAsync() is var primaryAfter && primaryAfter != primaryBefore)
        {
            deployment.Note($"the database failed over during the kill -9 of api-1 (primary {primaryBefore ?? "none"} before, {primaryAfter ?? "none"} after): a false failover");
        }
        Assert.True(failures.Count == 0, $"failed requests at the gateway: {string.Join("; ", failures.Take(10))}");
        Targets.Within(restarted, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), "api-1 restarted by its restart policy");
        Targets.Within(ready, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), "api-1 ready after its restart");
    }

    [Fact]
    [Step(5)]
    public async Task StoppingThePrimaryDatabaseContainerPromotesTheBackupAndWritesResume()
    {
        // The fault is the loss of a healthy pair's primary. After a false failover in an earlier step (the monitor
        // fails a primary over that stalls ~1.5 s, which a starved 2-core machine can cause: docs/reliability.md) the
        // old primary is still rejoining, and stopping the new one then leaves nothing that may be promoted.
        var waited = await Eventually.UntilAsync("a primary and its synchronous standby before the fault", TimeSpan.FromSeconds(120),
            ComposeDeployment.IsReadyPairAsync);
        if (waited > TimeSpan.FromSeconds(2))
        {
            deployment.Note($"the database pair was not ready before the primary's stop; waited {ComposeDeployment.Seconds(waited)} for it");
        }
        var primary = await ComposeDeployment.PrimaryServiceAsync() ?? throw new InvalidOperationException("no primary database node");
        var standby = primary == "pg-node1" ? "pg-node2" : "pg-node1";
        var primaryContainer = await ComposeDeployment.ContainerOfAsync(primary);
        await using var traffic = GatewayTraffic.Start(deployment.Gateway, Scene, "failover", readers: 1, writers: 1, retryWrites: true);
        await Task.Delay(TimeSpan.FromSeconds(3));

        // A machine lost: its container stopped, and not started again by the restart policy.
        var stoppedAt = traffic.Now;
        var loadAtStop = LoadAverage.Now();
        await ComposeDeployment.PodmanCheckedAsync("stop", "-t", "10", primaryContainer);
        var stopTook = traffic.Now - stoppedAt;
        await Eventually.UntilAsync($"{standby} promoted", TimeSpan.FromSeconds(60), async () =>
            await ComposeDeployment.PrimaryServiceAsync() == standby);
        var promoted = traffic.Now - stoppedAt;
        await Eventually.UntilAsync("writes acknowledged after the promotion", TimeSpan.FromSeconds(30), () =>
            Task.FromResult(traffic.Acks.Count(a => a.At > stoppedAt + promoted) >= 5));
        Assert.Equal("exited", (await ComposeDeployment.StateAsync(primary)).State);

        // The outage: the longest time without an acknowledged write once the stop began.
        var acks = traffic.Acks;
        var (gapEnd, gap) = acks.Zip(acks.Skip(1), (a, b) => (End: b.At, Gap: b.At - a.At))
            .Where(pair => pair.End > stoppedAt)
            .MaxBy(pair => pair.Gap);
        var writesBack = gapEnd - stoppedAt;

        // The lost machine comes back: its node rejoins as the synchronous standby (pg_rewind), writes go on.
        var restartedAt = traffic.Now;
        await ComposeDeployment.PodmanCheckedAsync("start", primaryContainer);
        await Eventually.UntilAsync($"{primary} back as the secondary", TimeSpan.FromSeconds(120), ComposeDeployment.IsReadyPairAsync);
        var rejoined = traffic.Now - restartedAt;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await traffic.StopAsync();

        deployment.Note($"podman stop of the primary's container ({primary}; load average {loadAtStop}; the stop took {ComposeDeployment.Seconds(stopTook)}): {standby} promoted after " +
            $"{ComposeDeployment.Seconds(promoted)}, writes acknowledged again {ComposeDeployment.Seconds(writesBack)} after the stop began " +
            $"(longest time without an acknowledged write: {ComposeDeployment.Seconds(gap)}); {primary} started again and back as synchronous standby " +
            $"{ComposeDeployment.Seconds(rejoined)} later; {traffic.Acks.Count} writes acknowledged during the step");
        // CI bound: ours 3.7-5.4 s here as a rule, 20 s once under a load average of 40, 25-40 s with 1-second resolver
        // timeouts in the containers, and 47 s once on 4 Dec (the monitor noticed the stopped node only after ~45 s: the
        // vanished container's name, resolved through aardvark-dns, is what it waits on). Correctness is asserted
        // whatever the time; the bound only stops a failover that never comes, and the target is ./test.sh containers'.
        Targets.Within(writesBack, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90), "writes acknowledged again after the primary's container was stopped");
        Targets.Within(rejoined, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), "the old primary back as the synchronous standby");
    }

    [Fact]
    [Step(6)]
    public async Task Api1CutOffFromTheDatabaseIsNotReadyAndGetsNoTrafficThenRecovers()
    {
        var container = await ComposeDeployment.ContainerOfAsync("api-1");
        Assert.True(await ComposeDeployment.IsHealthyAsync("api-1"), "api-1 is not ready before the partition");
        await using var traffic = GatewayTraffic.Start(deployment.Gateway, Scene, "partition", readers: 2, writers: 1, retryWrites: false);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var cutAt = traffic.Now;
        await ComposeDeployment.PodmanCheckedAsync("network", "disconnect", ComposeDeployment.DatabaseNetwork, container);
        try
        {
            await Eventually.UntilAsync("api-1 reporting not ready", TimeSpan.FromSeconds(30), async () =>
                !await ComposeDeployment.IsHealthyAsync("api-1"));
        }
        catch (TimeoutException)
        {
            await ComposeDeployment.PodmanAsync("network", "connect", "--alias", "api-1", ComposeDeployment.DatabaseNetwork, container);
            throw;
        }
        var notReady = traffic.Now - cutAt;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var cutOffUntil = traffic.Now;

        var reconnectedAt = traffic.Now;
        await ComposeDeployment.PodmanCheckedAsync("network", "connect", "--alias", "api-1", ComposeDeployment.DatabaseNetwork, container);
        await Eventually.UntilAsync("api-1 ready again", TimeSpan.FromSeconds(60), () => ComposeDeployment.IsHealthyAsync("api-1"));
        var readyAgain = traffic.Now - reconnectedAt;
        await Eventually.UntilAsync("the gateway sending api-1 traffic again", TimeSpan.FromSeconds(30), () =>
            Task.FromResult(traffic.Samples.Any(s => s.At > reconnectedAt && s.ServedBy == "api-1" && s.Failure is null)));
        var servingAgain = traffic.Samples.First(s => s.At > reconnectedAt && s.ServedBy == "api-1" && s.Failure is null).At - reconnectedAt;
        await traffic.StopAsync();

        var samples = traffic.Samples;
        var failures = samples.Where(s => s.Failure is not null).ToList();
        var whileCutOff = samples.Where(s => s.At > cutAt + notReady && s.At + s.Latency < cutOffUntil).ToList();
        var fromApi1 = whileCutOff.Count(s => s.ServedBy == "api-1");
        var delayed = whileCutOff.Count(s => s.Latency > TimeSpan.FromSeconds(1));
        deployment.Note($"api-1 disconnected from the database network: not ready after {ComposeDeployment.Seconds(notReady)}; in the next 10 s " +
            $"{whileCutOff.Count} gateway requests, {fromApi1} answered by api-1, {delayed} slower than 1 s (tried on api-1 first, then api-2; slowest " +
            $"{ComposeDeployment.Seconds(whileCutOff.DefaultIfEmpty().Max(s => s?.Latency ?? TimeSpan.Zero))}); reconnected: ready after " +
            $"{ComposeDeployment.Seconds(readyAgain)}, served through the gateway after {ComposeDeployment.Seconds(servingAgain)}; " +
            $"{samples.Count} requests in the step, {failures.Count} failed");
        Assert.True(whileCutOff.Count > 0, "no request completed while api-1 was cut off");
        Assert.Equal(0, fromApi1);
        Assert.True(failures.Count == 0, $"failed requests at the gateway: {string.Join("; ", failures.Take(10))}");
        Targets.Within(notReady, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), "api-1 reporting not ready once cut off");
        Targets.Within(readyAgain, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60), "api-1 ready again once reconnected");
    }

    [Fact]
    [Step(7)]
    public async Task EveryAcknowledgedMessageIsInTheHistory()
    {
        using var gateway = Api.Client(deployment.Gateway);
        var history = await Api.HistoryAsync(gateway, Scene);
        var ids = history.Select(m => m.Id).ToHashSet();
        var missing = Scene.Acknowledged.Where(m => !ids.Contains(m.Id)).ToList();
        deployment.Note($"history: {history.Count} messages, {Scene.Acknowledged.Count} acknowledged during the run, {missing.Count} of them missing");
        Assert.Empty(missing);
        Assert.Equal(history.Count, ids.Count);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(m => m.Seq));
        foreach (var acknowledged in Scene.Acknowledged)
        {
            Assert.Equal(acknowledged.Seq, history.Single(m => m.Id == acknowledged.Id).Seq);
        }
        deployment.Note($"database state at the end:\n\n```\n{(await ComposeDeployment.ShowStateAsync()).TrimEnd()}\n```");
    }
}
