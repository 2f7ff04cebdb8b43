using System.Diagnostics;
using System.Globalization;
using Squadra.Testing;

namespace Squadra.Containers.Infrastructure;

/// <summary>
/// The container deployment started by ./deploy/compose/up.sh exactly as an operator starts it, but as a
/// compose project and on ports of its own (so it never touches a developer's deployment), with each backend
/// also published on 127.0.0.1 (compose.replicas.yaml) so that a test can talk to one replica. Three backend
/// replicas, not the default two (issue 23: api-3 is generated from api-1 by up.sh). Taken down with its volumes
/// and secrets afterwards, whatever happened.
/// </summary>
public sealed class ComposeDeployment : IAsyncLifetime
{
    public const string Project = "squadra-ctest";
    public const int GatewayPort = 16080;
    public const int Api1Port = 16501;
    public const int Api2Port = 16502;
    public const int Api3Port = 16503;

    /// <summary>The backend replicas the deployment runs (SQUADRA_REPLICAS).</summary>
    public static readonly string[] Replicas = ["api-1", "api-2", "api-3"];

    private readonly RunReport _report = new("containers", "Container deployment test");

    public Uri Gateway { get; } = new($"http://127.0.0.1:{GatewayPort}");

    /// <summary>The test's own address for one backend replica (api-1, api-2 or api-3), bypassing the gateway.</summary>
    public static Uri Replica(string name) => new($"http://127.0.0.1:{name switch { "api-1" => Api1Port, "api-2" => Api2Port, _ => Api3Port }}");

    public static string DatabaseNetwork => $"{Project}_database";

    /// <summary>What the steps share: the users and the team of the smoke journey, and every acknowledged message.</summary>
    public Scene? Scene { get; set; }

    /// <summary>The deployment's settings, as the README documents them: all the scripts are given (besides PATH and HOME).</summary>
    public static IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["SQUADRA_COMPOSE_PROJECT"] = Project,
        ["SQUADRA_CONTAINER_ENGINE"] = "podman",
        ["SQUADRA_GATEWAY_PORT"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
        ["SQUADRA_COMPOSE_FILES"] = "compose.replicas.yaml",
        ["SQUADRA_API1_PORT"] = Api1Port.ToString(CultureInfo.InvariantCulture),
        ["SQUADRA_API2_PORT"] = Api2Port.ToString(CultureInfo.InvariantCulture),
        ["SQUADRA_REPLICAS"] = "3",
        ["SQUADRA_API3_PORT"] = Api3Port.ToString(CultureInfo.InvariantCulture),
        // Every test client comes from 127.0.0.1 (one address for the backends): the production limits would refuse them.
        ["SQUADRA_LOGIN_PERMIT_LIMIT"] = "100000",
        ["SQUADRA_REGISTER_PERMIT_LIMIT"] = "100000",
        ["SQUADRA_WRITES_PER_MINUTE"] = "1000000",
    };

    /// <summary>The test's own podman commands: the same podman settings as up.sh's (deploy/compose/lib.sh).</summary>
    private static IDictionary<string, string> PodmanEnvironment => new Dictionary<string, string>(Settings)
    {
        ["CONTAINERS_CONF"] = Path.Combine(RepositoryRoot.Path, "deploy", "compose", "containers.conf"),
        ["DISABLE_HC_SYSTEMD"] = "true",
    };

    // What up.sh says when nothing the images are made of changed (deploy/compose/lib.sh, build_images).
    private const string ImagesUpToDate = "The images are up to date";

    public async Task InitializeAsync()
    {
        // A previous run that was killed may have left its project behind.
        await RunScriptAsync("down.sh", ["--volumes"], TimeSpan.FromMinutes(3));
        Note(Targets.Ci
            ? "timings asserted against CI bounds only (containers-ci); the targets belong to ./test.sh containers"
            : "timings asserted against their targets (./test.sh containers)");
        var clock = Stopwatch.StartNew();
        var output = await RunScriptAsync("up.sh", [], TimeSpan.FromMinutes(25));
        var built = !output.Contains(ImagesUpToDate, StringComparison.Ordinal);
        Note($"up.sh ({(built ? "build" : "images already built from these sources")} + start): {Seconds(clock.Elapsed)}");
        Assert.Contains($"http://localhost:{GatewayPort}", output, StringComparison.Ordinal);

        // The README's upgrade command with nothing changed: the images are not rebuilt, so no container is replaced.
        clock.Restart();
        var again = await RunScriptAsync("up.sh", [], TimeSpan.FromMinutes(5));
        Note($"up.sh again, nothing changed: {Seconds(clock.Elapsed)}");
        Assert.Contains(ImagesUpToDate, again, StringComparison.Ordinal);
        Assert.DoesNotContain("with the new image", again, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await KeepLogsAsync();
        var clock = Stopwatch.StartNew();
        try
        {
            // As the README shows them: down.sh keeps the data, down.sh --volumes deletes it.
            await RunScriptAsync("down.sh", [], TimeSpan.FromMinutes(3));
            var containers = await PodmanCheckedAsync("ps", "-a", "--format", "{{.Names}}", "--filter", $"label=com.docker.compose.project={Project}");
            var volumes = await PodmanCheckedAsync("volume", "ls", "--format", "{{.Name}}", "--filter", $"label=com.docker.compose.project={Project}");
            Note($"down.sh: {Seconds(clock.Elapsed)}, containers left: {(containers.Length == 0 ? "none" : containers)}, volumes kept: {volumes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length}");
            Assert.Empty(containers);
            Assert.NotEmpty(volumes);

            clock.Restart();
            await RunScriptAsync("down.sh", ["--volumes"], TimeSpan.FromMinutes(3));
            Note($"down.sh --volumes: {Seconds(clock.Elapsed)}");
            Assert.Empty(await PodmanCheckedAsync("volume", "ls", "--format", "{{.Name}}", "--filter", $"label=com.docker.compose.project={Project}"));
        }
        finally
        {
            _report.Write();
        }
    }

    /// <summary>Every container's log, into artifacts/containers/logs/, before down.sh removes the containers.</summary>
    private static async Task KeepLogsAsync()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "containers", "logs");
        Directory.CreateDirectory(directory);
        var names = await PodmanAsync("ps", "--all", "--filter", $"label=com.docker.compose.project={Project}", "--format", "{{.Names}}");
        foreach (var name in names.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var log = await PodmanAsync("logs", name);
            await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.log"), log.Output);
        }
    }

    public void Note(string line) => _report.Note(line);

    public static string Seconds(TimeSpan elapsed) => RunReport.Seconds(elapsed);

    /// <summary>
    /// Runs ./deploy/compose/&lt;script&gt; as the README shows it, from the checkout, in a clean environment with
    /// only this deployment's settings; fails on a non-zero exit.
    /// </summary>
    public static Task<string> RunScriptAsync(string script, IEnumerable<string> arguments, TimeSpan timeout) =>
        ProcessRunner.RunCheckedAsync("env", CleanEnvironment.EnvArguments(CleanEnvironment.Home, Settings, $"./deploy/compose/{script}", arguments),
            workingDirectory: RepositoryRoot.Path, timeout: timeout);

    public static Task<ProcessResult> PodmanAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("podman", arguments, PodmanEnvironment, timeout: TimeSpan.FromMinutes(2));

    public static async Task<string> PodmanCheckedAsync(params string[] arguments)
    {
        var result = await PodmanAsync(arguments);
        return result.ExitCode == 0
            ? result.Output.Trim()
            : throw new InvalidOperationException($"podman {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
    }

    /// <summary>The container of a compose service of this project, found by compose's labels.</summary>
    public static async Task<string> ContainerOfAsync(string service)
    {
        var name = await PodmanCheckedAsync("ps", "-a", "--format", "{{.Names}}",
            "--filter", $"label=com.docker.compose.project={Project}", "--filter", $"label=com.docker.compose.service={service}");
        return name.Length > 0 ? name.Split('\n')[0] : throw new InvalidOperationException($"no container for service {service}");
    }

    /// <summary>Runs the service's compose health check now (podman without systemd runs them only when asked).</summary>
    public static async Task<bool> IsHealthyAsync(string service) =>
        (await PodmanAsync("healthcheck", "run", await ContainerOfAsync(service))).ExitCode == 0;

    public static async Task<(string State, int Restarts)> StateAsync(string service)
    {
        var output = await PodmanCheckedAsync("inspect", "--format", "{{.State.Status}} {{.RestartCount}}", await ContainerOfAsync(service));
        var parts = output.Split(' ');
        return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>pg_auto_failover's view from the monitor: (node, reported state, assigned state).</summary>
    public static async Task<IReadOnlyList<(string Node, string Reported, string Assigned)>> DatabaseStatesAsync()
    {
        var result = await PodmanAsync("exec", "-u", "postgres", await ContainerOfAsync("pg-monitor"), "psql", "-X", "-q", "-At", "-F", " ",
            "-d", "pg_auto_failover", "-c", "SELECT nodename, reportedstate, goalstate FROM pgautofailover.node ORDER BY nodeid");
        return result.ExitCode != 0
            ? []
            : [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' '))
                .Where(parts => parts.Length == 3)
                .Select(parts => (parts[0], parts[1], parts[2]))];
    }

    /// <summary>
    /// True when the monitor sees a primary and its synchronous standby, each in the state it was assigned: the pair
    /// a database fault needs, since only a caught-up secondary can be promoted without losing acknowledged writes.
    /// </summary>
    public static async Task<bool> IsReadyPairAsync() =>
        (await DatabaseStatesAsync()).Where(s => s.Reported == s.Assigned).Select(s => s.Reported).Order()
            .SequenceEqual(["primary", "secondary"]);

    /// <summary>The compose service of the writable database node ("pg-node1"), or null while there is none.</summary>
    public static async Task<string?> PrimaryServiceAsync()
    {
        var primary = (await DatabaseStatesAsync())
            .FirstOrDefault(s => s.Reported == s.Assigned && s.Reported is "primary" or "wait_primary" or "single");
        return primary.Node is null ? null : $"pg-{primary.Node}";
    }

    /// <summary>pg_autoctl show state, as an operator reads it.</summary>
    public static async Task<string> ShowStateAsync() =>
        (await PodmanAsync("exec", "-u", "postgres", await ContainerOfAsync("pg-monitor"), "pg_autoctl", "show", "state")).Output;
}

[CollectionDefinition(Name)]
public sealed class DeploymentCollection : ICollectionFixture<ComposeDeployment>
{
    public const string Name = "compose deployment";
}
