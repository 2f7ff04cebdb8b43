using System.Diagnostics;
using Squadra.Containers.Infrastructure;
using Squadra.Testing;

namespace Squadra.Containers.Hosts;

/// <summary>
/// The seed's layout on hosts of their own, made on this machine by hosts.sh (next to this file): each host a network
/// namespace with its own address on a private bridge (10.77.0.0/24) and its own podman (containers, networks, volumes,
/// DNS), running the same compose.yaml with its own services and the others' addresses, as the README's "One host or
/// three" says. The edge host runs the gateway and the frontends, the app host the two backends, and the database tier
/// one host per node (db0 the monitor, db1 and db2 the data nodes), so that losing the primary's host is a failover.
/// Everything is removed afterwards, whatever happened (and a killed run's leftovers at the next start).
/// </summary>
public sealed class HostsDeployment : IAsyncLifetime
{
    public static readonly string Script = Path.Combine(RepositoryRoot.Path, "tests", "Squadra.Containers", "Hosts", "hosts.sh");

    /// <summary>Each host's address (hosts.sh).</summary>
    public static readonly IReadOnlyDictionary<string, string> Addresses = new Dictionary<string, string>
    {
        ["edge"] = "10.77.0.2",
        ["app"] = "10.77.0.3",
        ["db0"] = "10.77.0.10",
        ["db1"] = "10.77.0.11",
        ["db2"] = "10.77.0.12",
    };

    /// <summary>The compose services each host runs.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Services = new Dictionary<string, string[]>
    {
        ["edge"] = ["frontend-1", "frontend-2", "gateway"],
        ["app"] = ["api-1", "api-2"],
        ["db0"] = ["pg-monitor"],
        ["db1"] = ["pg-node1"],
        ["db2"] = ["pg-node2"],
    };

    private readonly RunReport _report = new("hosts", "Three-host deployment test (./test.sh hosts)");

    public Uri Gateway { get; } = new($"http://{Addresses["edge"]}:8080");

    public Scene? Scene { get; set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var output = await ProcessRunner.RunCheckedAsync(Script, ["up"], workingDirectory: RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(30));
            foreach (var line in output.Split('\n').Where(line => line.StartsWith("==> ", StringComparison.Ordinal)))
            {
                Note($"hosts.sh up: {line[4..].Trim()}");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Nothing of a half-made layout stays behind, whether or not the runner disposes of a fixture that failed to start.
            Note($"hosts.sh up failed after {Seconds(clock.Elapsed)}: {e.Message.Split('\n')[0]}");
            await DisposeAsync();
            throw;
        }
        Note($"hosts.sh up (leftovers cleaned, images built or found current, five hosts made, each host's services started with " +
            $"--no-deps, everything ready): {Seconds(clock.Elapsed)}");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await KeepLogsAsync();
            var clock = Stopwatch.StartNew();
            await ProcessRunner.RunCheckedAsync(Script, ["down"], workingDirectory: RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(5));
            var namespaces = (await ProcessRunner.RunCheckedAsync("ip", ["netns", "list"])).Split('\n').Count(line => line.StartsWith("squadra-h-", StringComparison.Ordinal));
            var links = (await ProcessRunner.RunCheckedAsync("ip", ["-br", "link"])).Split('\n').Count(line => line.StartsWith("sqh-", StringComparison.Ordinal));
            var containers = (await ProcessRunner.RunCheckedAsync("podman", ["ps", "-a", "--format", "{{.Names}}"])).Split('\n')
                .Count(line => line.StartsWith("squadra-h-", StringComparison.Ordinal));
            Note($"hosts.sh down: {Seconds(clock.Elapsed)}; left behind: {namespaces} namespaces, {links} links, {containers} containers, " +
                $"state directory {(Directory.Exists(Path.Combine(RepositoryRoot.Path, ".state", "hosts")) ? "present" : "gone")}");
            Assert.Equal(0, namespaces + links + containers);
        }
        finally
        {
            _report.Write();
        }
    }

    /// <summary>Every container's log, into artifacts/hosts/logs/, before the hosts are removed.</summary>
    private static async Task KeepLogsAsync()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "hosts", "logs");
        Directory.CreateDirectory(directory);
        foreach (var (host, services) in Services)
        {
            foreach (var service in services)
            {
                var log = await OnHostAsync(host, "podman", "logs", Container(host, service));
                await File.WriteAllTextAsync(Path.Combine(directory, $"{host}-{service}.log"), log.Output);
            }
        }
    }

    public void Note(string line) => _report.Note(line);

    public static string Seconds(TimeSpan elapsed) => RunReport.Seconds(elapsed);

    /// <summary>The host a compose service runs on.</summary>
    public static string HostOf(string service) => Services.First(pair => pair.Value.Contains(service)).Key;

    /// <summary>podman-compose 1.0.3's name for the service's container in the host's project (squadra-h-HOST).</summary>
    public static string Container(string host, string service) => $"squadra-h-{host}_{service}_1";

    /// <summary>A command run on a host: in its namespaces, with its podman.</summary>
    public static Task<ProcessResult> OnHostAsync(string host, params string[] command) =>
        ProcessRunner.RunAsync(Script, ["exec", host, .. command], workingDirectory: RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(2));

    public static async Task<string> OnHostCheckedAsync(string host, params string[] command)
    {
        var result = await OnHostAsync(host, command);
        return result.ExitCode == 0
            ? result.Output.Trim()
            : throw new InvalidOperationException($"on {host}: {string.Join(' ', command)} exited with {result.ExitCode}:\n{result.Output}");
    }

    /// <summary>Plugs or unplugs a host's cable (its veth on the bridge).</summary>
    public static Task<string> LinkAsync(string host, bool up) =>
        ProcessRunner.RunCheckedAsync(Script, ["link", host, up ? "up" : "down"], workingDirectory: RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(1));

    /// <summary>Runs the service's compose health check now, on its host.</summary>
    public static async Task<bool> IsHealthyAsync(string service)
    {
        var host = HostOf(service);
        return (await OnHostAsync(host, "podman", "healthcheck", "run", Container(host, service))).ExitCode == 0;
    }

    public static async Task<(string State, int Restarts)> StateAsync(string service)
    {
        var host = HostOf(service);
        var output = await OnHostCheckedAsync(host, "podman", "inspect", "--format", "{{.State.Status}} {{.RestartCount}}", Container(host, service));
        var parts = output.Split('\n')[^1].Split(' ');
        return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>pg_auto_failover's view from the monitor (on db0): (node, reported state, assigned state).</summary>
    public static async Task<IReadOnlyList<(string Node, string Reported, string Assigned)>> DatabaseStatesAsync()
    {
        var result = await OnHostAsync("db0", "podman", "exec", "-u", "postgres", Container("db0", "pg-monitor"), "psql", "-X", "-q", "-At", "-F", " ",
            "-d", "pg_auto_failover", "-c", "SELECT nodename, reportedstate, goalstate FROM pgautofailover.node ORDER BY nodeid");
        return result.ExitCode != 0
            ? []
            : [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' '))
                .Where(parts => parts.Length == 3 && parts[0].StartsWith("node", StringComparison.Ordinal))
                .Select(parts => (parts[0], parts[1], parts[2]))];
    }

    /// <summary>The compose service of the writable database node ("pg-node1"), or null while there is none.</summary>
    public static async Task<string?> PrimaryServiceAsync()
    {
        var primary = (await DatabaseStatesAsync())
            .FirstOrDefault(s => s.Reported == s.Assigned && s.Reported is "primary" or "wait_primary" or "single");
        return primary.Node is null ? null : $"pg-{primary.Node}";
    }

    public static async Task<string> ShowStateAsync() =>
        (await OnHostAsync("db0", "podman", "exec", "-u", "postgres", Container("db0", "pg-monitor"), "pg_autoctl", "show", "state")).Output;
}

[CollectionDefinition(Name)]
public sealed class HostsCollection : ICollectionFixture<HostsDeployment>
{
    public const string Name = "three-host deployment";
}
