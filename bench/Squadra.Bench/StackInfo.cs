using System.Globalization;
using System.Text.RegularExpressions;

namespace Squadra.Bench;

internal sealed record PgStats(long Transactions, long TuplesReturned, long TuplesFetched, long TuplesWritten);

internal sealed record PgBenchResult(string Via, int Clients, double Tps, double LatencyMs);

/// <summary>
/// What the bench knows about the stack under test: the replicas' pids (supervisorctl with --state, else the
/// process listening on each replica's port), PostgreSQL's postmasters and sockets (with --state), psql and pgbench.
/// </summary>
internal sealed partial class StackInfo
{
    private static readonly string[] s_nodes = ["node1", "node2"];
    private readonly string? _state;
    private readonly IReadOnlyList<Uri> _api;
    private readonly Dictionary<string, int> _apiPids = [];
    private readonly List<int> _natsPids = [];

    /// <summary>The process group of the NATS nodes, when the stack runs them.</summary>
    public const string NatsGroup = "nats";

    private StackInfo(string? state, IReadOnlyList<Uri> api)
    {
        _state = state;
        _api = api;
    }

    public bool HasDatabase => _state is not null && Directory.Exists(SocketDir);

    private string SocketDir => Path.Combine(_state!, "pg", "run");

    public int? PrimaryPort { get; private set; }

    public static async Task<StackInfo> DiscoverAsync(string? state, IReadOnlyList<Uri> api, CancellationToken ct)
    {
        var info = new StackInfo(state, api);
        await info.RefreshPidsAsync(ct);
        if (info.HasDatabase)
        {
            foreach (var port in info.NodePorts())
            {
                var result = await info.PsqlAsync(port, "postgres", "SELECT pg_is_in_recovery()", ct);
                if (result?.Trim() == "f")
                {
                    info.PrimaryPort = port;
                }
            }
        }
        return info;
    }

    /// <summary>Replica pids, looked up again (a replica restarted by supervisord has a new one); the NATS nodes' too.</summary>
    public async Task RefreshPidsAsync(CancellationToken ct)
    {
        _apiPids.Clear();
        for (var i = 0; i < _api.Count; i++)
        {
            var name = $"api-{i + 1}";
            // Whoever listens on the replica's port (right even for replicas started by hand); else supervisord's word.
            if ((ProcStats.ListenerOf(_api[i].Port) ?? await SupervisedPidAsync(name, ct)) is { } found)
            {
                _apiPids[name] = found;
            }
        }
        // The broker runs only with SQUADRA_REALTIME_CHANNEL=nats (nats-1..3): its CPU is the channel's, not "other work".
        _natsPids.Clear();
        for (var i = 1; i <= 9 && await SupervisedPidAsync($"nats-{i}", ct) is { } nats; i++)
        {
            _natsPids.Add(nats);
        }
    }

    private async Task<int?> SupervisedPidAsync(string program, CancellationToken ct)
    {
        var conf = _state is null ? null : Path.Combine(_state, "supervisor", "supervisord.conf");
        if (conf is null || !File.Exists(conf) || !ChildProcess.Exists("supervisorctl"))
        {
            return null;
        }
        var result = await ChildProcess.RunAsync("supervisorctl", ["-c", conf, "pid", program], TimeSpan.FromSeconds(10), ct: ct);
        return int.TryParse(result.Output.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    /// <summary>The process groups to measure: each replica, PostgreSQL (both nodes, every backend), the NATS nodes, this load generator.</summary>
    public List<ProcGroup> Groups()
    {
        var groups = _apiPids.Select(p => new ProcGroup(p.Key, () => [p.Value])).ToList();
        if (HasDatabase)
        {
            var postmasters = NodeDirs().Select(ReadPostmasterPid).OfType<int>().ToList();
            groups.Add(new ProcGroup("pg", () => [.. postmasters.SelectMany(ProcStats.WithChildren)]));
        }
        if (_natsPids.Count > 0)
        {
            var nats = _natsPids.ToList();
            groups.Add(new ProcGroup(NatsGroup, () => nats));
        }
        groups.Add(new ProcGroup("bench", () => [Environment.ProcessId]));
        return groups;
    }

    public IReadOnlyCollection<string> ApiNames => _apiPids.Keys;

    public async Task<PgStats?> PgStatsAsync(CancellationToken ct)
    {
        if (!HasDatabase || PrimaryPort is not { } port)
        {
            return null;
        }
        var line = await PsqlAsync(port, "squadra",
            "SELECT xact_commit + xact_rollback, tup_returned, tup_fetched, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'squadra'", ct);
        var f = line?.Trim().Split('|');
        return f is { Length: 4 }
            ? new PgStats(L(f[0]), L(f[1]), L(f[2]), L(f[3]))
            : null;

        static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>The <see cref="PgBenchResult.Via"/> of the single-row INSERT run (the others are <c>pgbench -S</c>).</summary>
    public const string InsertVia = "single-row INSERT, unix socket";

    /// <summary>
    /// pgbench -S (select-only), then single-row INSERTs (synchronously replicated, as a post is), against a scratch database on the same primary, created and dropped here: over the
    /// unix socket as the database OS user, and over TCP as the application's role (the API's own path) when the
    /// stack's database password is readable.
    /// </summary>
    public async Task<IReadOnlyList<PgBenchResult>> PgBenchAsync(int clients, int seconds, int scale, CancellationToken ct)
    {
        if (!HasDatabase || PrimaryPort is not { } port || !ChildProcess.Exists("pgbench"))
        {
            return [];
        }
        var database = $"bench_scratch_{Environment.ProcessId}";
        var results = new List<PgBenchResult>();
        string? script = null;
        var passwordFile = Path.Combine(_state!, "secrets", "db-password");
        var password = File.Exists(passwordFile) ? (await File.ReadAllTextAsync(passwordFile, ct)).Trim() : null;
        try
        {
            var owner = password is null ? "" : " OWNER squadra";
            await PsqlAsync(port, "postgres", $"CREATE DATABASE {database}{owner}", ct);
            var init = await AsDbUserAsync("pgbench", ["-i", "-s", P(scale), "-q", "-h", SocketDir, "-p", P(port), database], TimeSpan.FromMinutes(3), null, ct);
            if (init.ExitCode != 0)
            {
                throw new BenchException($"pgbench -i failed: {init.Error.Trim()}");
            }
            if (password is not null)
            {
                await PsqlAsync(port, database, "ALTER TABLE pgbench_accounts OWNER TO squadra; ALTER TABLE pgbench_branches OWNER TO squadra; ALTER TABLE pgbench_tellers OWNER TO squadra; ALTER TABLE pgbench_history OWNER TO squadra", ct);
            }
            var threads = Math.Min(clients, Environment.ProcessorCount);
            var socket = await AsDbUserAsync("pgbench", ["-S", "-n", "-c", P(clients), "-j", P(threads), "-T", P(seconds), "-h", SocketDir, "-p", P(port), database], TimeSpan.FromSeconds(seconds + 60), null, ct);
            results.Add(Parse("unix socket", clients, socket));
            if (password is not null)
            {
                var tcp = await ChildProcess.RunAsync("pgbench", ["-S", "-n", "-c", P(clients), "-j", P(threads), "-T", P(seconds), "-h", "127.0.0.1", "-p", P(port), "-U", "squadra", database],
                    TimeSpan.FromSeconds(seconds + 60), new Dictionary<string, string> { ["PGPASSWORD"] = password }, ct: ct);
                results.Add(Parse("TCP 127.0.0.1 (as the API)", clients, tcp));
            }

            // The ceiling of a post: one synchronously replicated single-row INSERT per transaction, nothing else.
            await PsqlAsync(port, database, "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, body text NOT NULL)", ct);
            script = Path.Combine(Path.GetTempPath(), $"squadra-bench-insert-{Environment.ProcessId}.sql");
            await File.WriteAllTextAsync(script, "INSERT INTO bench_insert (body) VALUES ('a chat message of a usual length, some forty bytes');\n", ct);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var insert = await AsDbUserAsync("pgbench", ["-n", "-f", script, "-c", P(clients), "-j", P(threads), "-T", P(seconds), "-h", SocketDir, "-p", P(port), database],
                TimeSpan.FromSeconds(seconds + 60), null, ct);
            results.Add(Parse(InsertVia, clients, insert));
        }
        finally
        {
            await PsqlAsync(port, "postgres", $"DROP DATABASE IF EXISTS {database}", CancellationToken.None);
            if (script is not null)
            {
                File.Delete(script);
            }
        }
        return results;
    }

    /// <summary>
    /// The primary's NOTIFY ceiling (issue 23): pgbench sending the announcer's own statement (one transaction with
    /// <c>synchronous_commit = off</c>, <c>pg_notify</c> over a batch of distinct payloads of <paramref name="payloadBytes"/>)
    /// on a channel of its own, while the replicas' LISTEN backends read the same cluster-wide queue. TPS × batch is
    /// notifications a second.
    /// </summary>
    public async Task<PgBenchResult?> NotifyCeilingAsync(int clients, int batch, int payloadBytes, int seconds, CancellationToken ct)
    {
        if (!HasDatabase || PrimaryPort is not { } port || !ChildProcess.Exists("pgbench"))
        {
            return null;
        }
        var script = Path.Combine(Path.GetTempPath(), $"squadra-bench-notify-{Environment.ProcessId}.sql");
        try
        {
            // :client_id and the series keep the payloads distinct: PostgreSQL folds identical ones within a transaction.
            var filler = Math.Max(1, payloadBytes - 40);
            await File.WriteAllTextAsync(script,
                "WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true)) " +
                $"SELECT count(pg_notify('squadra_bench', :client_id || '-' || g || '-' || clock_timestamp() || repeat('x', {filler}))) " +
                $"FROM async_commit, generate_series(1, {batch}) AS g;\n", ct);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var threads = Math.Min(clients, Environment.ProcessorCount);
            var run = await AsDbUserAsync("pgbench", ["-n", "-f", script, "-c", P(clients), "-j", P(threads), "-T", P(seconds), "-h", SocketDir, "-p", P(port), "squadra"],
                TimeSpan.FromSeconds(seconds + 60), null, ct);
            return Parse($"pg_notify × {batch}", clients, run);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static PgBenchResult Parse(string via, int clients, ProcessResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new BenchException($"pgbench ({via}) failed: {result.Error.Trim()}");
        }
        var tps = TpsLine().Match(result.Output);
        var latency = LatencyLine().Match(result.Output);
        return new PgBenchResult(via, clients,
            tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyLine();

    /// <summary>
    /// Runs <paramref name="sql"/> on the primary's application database as the database's OS user (the search corpus
    /// is written this way: a million rows through the API would take an hour); the output, or an exception naming the failure.
    /// </summary>
    public async Task<string> RunOnPrimaryAsync(string sql, TimeSpan timeout, CancellationToken ct)
    {
        if (!HasDatabase || PrimaryPort is not { } port)
        {
            throw new BenchException("this needs the stack's database: pass --state");
        }
        var result = await AsDbUserAsync("psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", SocketDir, "-p", P(port), "-d", "squadra", "-f", "-"], timeout, null, sql, ct);
        return result.ExitCode == 0 ? result.Output : throw new BenchException($"psql failed: {result.Error.Trim()}");
    }

    private async Task<string?> PsqlAsync(int port, string database, string sql, CancellationToken ct)
    {
        var result = await AsDbUserAsync("psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", SocketDir, "-p", P(port), "-d", database, "-c", sql], TimeSpan.FromSeconds(60), null, ct);
        return result.ExitCode == 0 ? result.Output : null;
    }

    /// <summary>As root, the database tier runs as "postgres" (see deploy/lib/common.sh): so do psql and pgbench on its socket.</summary>
    private static Task<ProcessResult> AsDbUserAsync(string tool, IReadOnlyList<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? env, CancellationToken ct) =>
        AsDbUserAsync(tool, args, timeout, env, input: null, ct);

    private static Task<ProcessResult> AsDbUserAsync(string tool, IReadOnlyList<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? env, string? input, CancellationToken ct) =>
        Environment.UserName == "root"
            ? ChildProcess.RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", tool, .. args], timeout, env, input, ct)
            : ChildProcess.RunAsync(tool, args, timeout, env, input, ct);

    private IEnumerable<string> NodeDirs() => s_nodes.Select(n => Path.Combine(_state!, "pg", n)).Where(Directory.Exists);

    private IEnumerable<int> NodePorts() => NodeDirs().Select(ReadPostmasterPort).OfType<int>();

    private static int? ReadPostmasterPid(string dataDir) => ReadPostmasterLine(dataDir, 0);

    private static int? ReadPostmasterPort(string dataDir) => ReadPostmasterLine(dataDir, 3);

    private static int? ReadPostmasterLine(string dataDir, int line)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(dataDir, "postmaster.pid"));
            return lines.Length > line && int.TryParse(lines[line].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string P(int value) => value.ToString(CultureInfo.InvariantCulture);
}
