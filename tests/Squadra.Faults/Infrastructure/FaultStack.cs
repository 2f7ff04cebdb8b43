using System.Globalization;
using Squadra.Testing;

namespace Squadra.Faults.Infrastructure;

/// <summary>
/// The whole system started by ./run.sh, as an operator starts it, in its own state directory and on
/// ports below the ephemeral range (19080, 19300-19301, 19500-19502, 19431-19433, the mail catcher's 19580 and 19525) so that it never touches a
/// developer's stack nor the e2e suite's. Three backend replicas, not the default two (issue 23: the replica count
/// is a setting, and every fault here proves it past two), and the default two frontends. Started once for the whole suite and never reset: a fault
/// that moved the database primary leaves the next fault the new topology.
/// Set SQUADRA_FAULTS_KEEP=1 to leave the stack running (and its state directory) after the run, and
/// SQUADRA_FAULTS_PUBLISHED=&lt;dir holding api/ and frontend/&gt; to run an already published build
/// (say, of a backend change under trial) instead of publishing the checkout.
/// </summary>
public sealed class FaultStack : IAsyncLifetime
{
    public const int GatewayPort = 19080;
    public const int FrontendPort = 19300;
    public const int Frontend2Port = 19301;
    public const int Api1Port = 19500;
    public const int Api2Port = 19501;
    public const int ReplicaCount = 3;
    public const int NatsPort = 19250;
    public const int NatsClusterPort = 19650;
    public const int MonitorPort = 19431;
    public const int Node1Port = 19432;
    public const int Node2Port = 19433;
    public const int MailUiPort = 19580;
    public const int MailSmtpPort = 19525;

    public FaultStack()
    {
        Database = new DatabaseTier(this);
    }

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), $"squadra-faults-{Guid.NewGuid():N}"[..27]);

    public Uri Gateway { get; } = new($"http://127.0.0.1:{GatewayPort}");

    public DatabaseTier Database { get; }

    /// <summary>How the replicas announce their commits: PostgreSQL NOTIFY (the default) unless <see cref="SwitchChannelAsync"/> says otherwise.</summary>
    public string Channel { get; private set; } = "postgres";

    /// <summary>The stack's mail catcher (smtp4dev, started by ./run.sh), read through <see cref="MailCatcherApi"/>.</summary>
    public Uri MailApi { get; } = new($"http://127.0.0.1:{MailUiPort}/");

    /// <summary>The accounts every fault's workload uses (signed up once: logins are rate limited).</summary>
    public Population People { get; private set; } = null!;

    public FaultResults Results { get; } = new();

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["SQUADRA_STATE_DIR"] = StateDirectory,
        ["SQUADRA_GATEWAY_PORT"] = Port(GatewayPort),
        ["SQUADRA_FRONTEND_PORT"] = Port(FrontendPort),
        ["SQUADRA_API1_PORT"] = Port(Api1Port),
        ["SQUADRA_REPLICAS"] = Port(ReplicaCount),
        ["SQUADRA_REALTIME_CHANNEL"] = Channel,
        ["SQUADRA_NATS_PORT"] = Port(NatsPort),
        ["SQUADRA_NATS_CLUSTER_PORT"] = Port(NatsClusterPort),
        ["SQUADRA_PG_MONITOR_PORT"] = Port(MonitorPort),
        ["SQUADRA_PG1_PORT"] = Port(Node1Port),
        ["SQUADRA_PG2_PORT"] = Port(Node2Port),
        ["SQUADRA_MAIL_UI_PORT"] = Port(MailUiPort),
        ["SQUADRA_MAIL_SMTP_PORT"] = Port(MailSmtpPort),
        // ./test.sh installs the packages once before any test runs.
        ["SQUADRA_SKIP_INSTALL"] = "1",
        // The workload is many people on one address posting as fast as the faults allow.
        ["SQUADRA_LOGIN_PERMIT_LIMIT"] = "10000",
        ["SQUADRA_REGISTER_PERMIT_LIMIT"] = "100000",
        ["SQUADRA_WRITES_PER_MINUTE"] = "1000000",
        ["SQUADRA_SKIP_PUBLISH"] = Published is null ? "0" : "1",
    };

    private static string? Published => System.Environment.GetEnvironmentVariable("SQUADRA_FAULTS_PUBLISHED") is { Length: > 0 } dir ? dir : null;

    public async Task InitializeAsync()
    {
        if (Published is { } published)
        {
            Directory.CreateDirectory(Path.Combine(StateDirectory, "app"));
            await ProcessRunner.RunCheckedAsync("cp", ["-a", Path.Combine(published, "api"), Path.Combine(published, "frontend"), Path.Combine(StateDirectory, "app")]);
        }
        var output = await RunScriptAsync([], TimeSpan.FromMinutes(9));
        Assert.Contains($"http://localhost:{GatewayPort}", output, StringComparison.Ordinal);
        People = await Population.SignUpAsync(Gateway);
    }

    public async Task DisposeAsync()
    {
        Results.Write();
        if (System.Environment.GetEnvironmentVariable("SQUADRA_FAULTS_KEEP") == "1")
        {
            return;
        }
        // Whatever a failed fault left frozen must not keep the stop from finishing.
        await Signals.ThawAllAsync();
        await RunScriptAsync(["stop"], TimeSpan.FromMinutes(3));
        await KeepLogsAsync();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless.
        }
    }

    /// <summary>
    /// The stack's logs (supervisord's programs, and each PostgreSQL's own) are copied next to the results,
    /// into artifacts/faults/logs/, before the state directory goes.
    /// </summary>
    private async Task KeepLogsAsync()
    {
        var target = Path.Combine(Path.GetDirectoryName(FaultResults.Path)!, "logs");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.CreateDirectory(target);
        await ProcessRunner.RunAsync("bash", ["-c", "cp \"$1\"/logs/*.log \"$2\"/ 2>/dev/null; cp -r \"$1\"/snapshots \"$2\"/ 2>/dev/null; for n in monitor node1 node2; do mkdir -p \"$2/$n\"; cp \"$1\"/pg/$n/log/* \"$2/$n/\" 2>/dev/null; done; true", "-", StateDirectory, target]);
    }

    /// <summary>
    /// A copy of a node's PostgreSQL log as it is now, kept with the logs (pg_rewind replaces a rejoining
    /// node's log directory with the new primary's).
    /// </summary>
    public Task SnapshotPostgresLogAsync(string node, string label) =>
        ProcessRunner.RunAsync("bash", ["-c", "mkdir -p \"$2\" && cp \"$1\"/* \"$2\"/", "-",
            Path.Combine(StateDirectory, "pg", node, "log"), Path.Combine(StateDirectory, "snapshots", label)]);

    /// <summary>
    /// What an operator does to move a running stack to another announcement channel: ./run.sh again with
    /// SQUADRA_REALTIME_CHANNEL (nothing republished: the build is unchanged). To nats it adds nats-1..3, back to
    /// postgres it removes them; either way the replicas restart with the new setting, the database and its data stay.
    /// </summary>
    public Task<string> SwitchChannelAsync(string channel)
    {
        Channel = channel;
        return RunScriptAsync([], TimeSpan.FromMinutes(5));
    }

    public Task<string> RunScriptAsync(IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ProcessRunner.RunCheckedAsync(Path.Combine(RepositoryRoot.Path, "run.sh"), arguments, Environment.ToDictionary(), RepositoryRoot.Path, timeout);

    /// <summary>supervisorctl with this stack's own supervisord.</summary>
    public Task<ProcessResult> SupervisorAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("supervisorctl", ["-c", Path.Combine(StateDirectory, "supervisor", "supervisord.conf"), .. arguments], timeout: TimeSpan.FromSeconds(90));

    /// <summary>The pid supervisord holds for a program, or null when it is not running.</summary>
    public async Task<int?> ProcessIdAsync(string program)
    {
        var result = await SupervisorAsync("pid", program);
        return int.TryParse(result.Output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    /// <summary>RUNNING, STARTING, STOPPED, BACKOFF, FATAL... as supervisord reports the program.</summary>
    public async Task<string> ProgramStateAsync(string program)
    {
        var result = await SupervisorAsync("status", program);
        var words = result.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 ? words[1] : "?";
    }

    public async Task<IReadOnlyDictionary<string, int?>> ProcessIdsAsync()
    {
        var pids = new Dictionary<string, int?>();
        foreach (var program in Programs)
        {
            pids[program] = await ProcessIdAsync(program);
        }
        return pids;
    }

    /// <summary>api-1 .. api-3, as ./run.sh names them.</summary>
    public static readonly string[] Replicas = [.. Enumerable.Range(1, ReplicaCount).Select(i => $"api-{i}")];

    public static readonly string[] Frontends = ["frontend-1", "frontend-2"];

    public static readonly string[] Programs = ["pg-monitor", "pg-node1", "pg-node2", "pg-watchdog", "mail-catcher", .. Replicas, .. Frontends, "gateway"];

    /// <summary>The port of api-N: ./run.sh gives replica N the first one's + N - 1.</summary>
    public static int ApiPort(string replica) => Api1Port + int.Parse(replica["api-".Length..], CultureInfo.InvariantCulture) - 1;

    public static IEnumerable<int> ApiPorts => Replicas.Select(ApiPort);

    public string LogPath(string part) => Path.Combine(StateDirectory, "logs", $"{part}.log");

    public HttpClient Client(int? port = null, TimeSpan? timeout = null) => new()
    {
        BaseAddress = port is null ? Gateway : new Uri($"http://127.0.0.1:{port}"),
        Timeout = timeout ?? TimeSpan.FromSeconds(15),
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}

[CollectionDefinition(Name)]
public sealed class FaultStackCollection : ICollectionFixture<FaultStack>
{
    public const string Name = "fault stack";
}
