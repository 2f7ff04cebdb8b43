using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Squadra.Testing;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>
/// A real three-node NATS cluster (Debian's <c>nats-server</c>, core NATS, no JetStream) on free 127.0.0.1 ports, each
/// node routed to the two others, as ./run.sh runs it when asked for the nats channel. Nodes can be killed (-9).
/// </summary>
public sealed class NatsCluster : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(15);
    private static readonly HttpClient s_monitor = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly List<Node> _nodes;

    private NatsCluster(List<Node> nodes) => _nodes = nodes;

    /// <summary>Every node's client url, comma-separated: the value of <c>Realtime:Nats:Url</c>.</summary>
    public string Url => string.Join(',', _nodes.Select(n => $"nats://127.0.0.1:{n.ClientPort}"));

    public int Count => _nodes.Count;

    /// <summary>
    /// Starts the nodes and waits until each routes to all the others; a start that does not get there (a node that found
    /// its free port taken by the time it bound it, a route lost to NATS's duplicate-route race) is stopped and made again
    /// on new ports, up to three times.
    /// </summary>
    public static async Task<NatsCluster> StartAsync(int size = 3)
    {
        const int attempts = 3;
        var failures = new List<string>();
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var cluster = Launch(size);
            // Ready when every node has routes to all the others: a publication on one then reaches subscribers on any.
            if (await cluster.RoutedAsync())
            {
                return cluster;
            }
            failures.Add($"attempt {attempt}:{Environment.NewLine}{string.Join(Environment.NewLine, cluster._nodes.Select(n => $"node {n.Index} (routes: {n.LastRoutes}){Environment.NewLine}{n.Log}"))}");
            await cluster.DisposeAsync();
        }
        throw new InvalidOperationException($"No NATS cluster of {size} routed within {s_startTimeout} in {attempts} attempts:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private static NatsCluster Launch(int size)
    {
        var ports = Enumerable.Range(0, size).Select(_ => (Client: TestPostgres.FreeTcpPort(), Cluster: TestPostgres.FreeTcpPort(), Monitor: TestPostgres.FreeTcpPort())).ToList();
        return new NatsCluster([.. ports.Select((p, i) => Node.Start(i, p.Client, p.Cluster, p.Monitor,
            [.. ports.Where(other => other != p).Select(other => $"nats://127.0.0.1:{other.Cluster}")]))]);
    }

    private async Task<bool> RoutedAsync()
    {
        foreach (var node in _nodes)
        {
            if (!await Eventually.FindAsync(async () => await node.RoutesAsync() == _nodes.Count - 1, s_startTimeout))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>kill -9 of node <paramref name="index"/>: its clients' sockets close and they fail over to the others.</summary>
    public void Kill(int index) => _nodes[index].Process.Kill();

    /// <summary>The node that has a client connection named <paramref name="clientName"/> (NATS's /connz), or null.</summary>
    public async Task<int?> NodeOfClientAsync(string clientName)
    {
        foreach (var node in _nodes.Where(n => !n.Process.HasExited))
        {
            if ((await node.ClientNamesAsync()).Contains(clientName))
            {
                return node.Index;
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => !n.Process.HasExited))
        {
            node.Process.Kill();
            await node.Process.WaitForExitAsync();
        }
        foreach (var node in _nodes)
        {
            node.Process.Dispose();
        }
    }

    private sealed record Node(int Index, int ClientPort, int MonitorPort, Process Process, System.Text.StringBuilder Output)
    {
        public string Log
        {
            get
            {
                lock (Output)
                {
                    return Output.ToString();
                }
            }
        }

        public static Node Start(int index, int client, int cluster, int monitor, string[] routes)
        {
            var start = new ProcessStartInfo("nats-server") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in (string[])["-a", "127.0.0.1", "-p", $"{client}", "-m", $"{monitor}", "-n", $"squadra-test-nats-{index}",
                "--cluster_name", "squadra-test", "--cluster", $"nats://127.0.0.1:{cluster}", "--routes", string.Join(',', routes)])
            {
                start.ArgumentList.Add(argument);
            }
            var output = new System.Text.StringBuilder();
            var process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start (apt-get install nats-server; ./test.sh installs it)");
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return new Node(index, client, monitor, process, output);
        }

        /// <summary>What <see cref="RoutesAsync"/> last answered: -1 while the monitor did not answer.</summary>
        public int LastRoutes { get; private set; } = -1;

        public async Task<int> RoutesAsync()
        {
            try
            {
                var routez = await s_monitor.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{MonitorPort}/routez");
                return LastRoutes = routez.GetProperty("num_routes").GetInt32();
            }
            catch (HttpRequestException)
            {
                return LastRoutes = -1;
            }
        }

        public async Task<IReadOnlyList<string>> ClientNamesAsync()
        {
            var connz = await s_monitor.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{MonitorPort}/connz");
            return [.. connz.GetProperty("connections").EnumerateArray()
                .Select(c => c.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "")];
        }
    }
}
