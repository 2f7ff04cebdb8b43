using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Squadra.Testing;

/// <summary>
/// A real, throwaway PostgreSQL server (initdb + pg_ctl) in a temporary directory on a free port.
/// PostgreSQL refuses to run as root, so under root it runs as the 'postgres' user via setpriv.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _binDirectory;
    private readonly TestPostgres? _upstream;
    private IReadOnlyList<int> _frozen = [];

    private TestPostgres(string directory, string binDirectory, int port, TestPostgres? upstream = null)
    {
        _directory = directory;
        _binDirectory = binDirectory;
        Port = port;
        _upstream = upstream;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_directory, "data");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Timeout=5;Command Timeout=30";

    public static async Task<TestPostgres> StartAsync()
    {
        // initdb --auth=trust writes a pg_hba.conf that also trusts replication connections from 127.0.0.1,
        // and the defaults (wal_level=replica, max_wal_senders=10) let StartStandbyAsync stream from it.
        var server = new TestPostgres(await NewDirectoryAsync(), FindBinDirectory(), FreeTcpPort());
        await server.AsPostgresAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A new server streaming from this one (hot standby, asynchronous), answering queries in recovery.</summary>
    public async Task<TestPostgres> StartStandbyAsync()
    {
        var standby = new TestPostgres(await NewDirectoryAsync(), _binDirectory, FreeTcpPort(), upstream: this);
        // A fast checkpoint: the default spread one paces the backup over a minute or more after CREATE DATABASE.
        await standby.AsPostgresAsync("pg_basebackup",
            ["-h", "127.0.0.1", "-p", PortText, "-U", "postgres", "-D", standby.DataDirectory, "-R", "-X", "stream", "--checkpoint=fast"]);
        await standby.StartServerAsync();
        if (await standby.QueryAsync("SELECT pg_is_in_recovery()", TimeSpan.FromSeconds(60), answer => answer == "t") is null)
        {
            throw new InvalidOperationException($"The standby on port {standby.Port} did not answer as a standby in time.");
        }
        return standby;
    }

    /// <summary>
    /// Waits until this standby has replayed everything its primary had written when called: replication is
    /// asynchronous, and a failover test must know what the standby has before it takes the primary away.
    /// </summary>
    public async Task CatchUpAsync()
    {
        var upstream = _upstream ?? throw new InvalidOperationException("This server is not a standby.");
        var written = await upstream.QueryAsync("SELECT pg_current_wal_lsn()", TimeSpan.FromSeconds(10), _ => true)
            ?? throw new InvalidOperationException($"The primary on port {upstream.Port} did not answer.");
        if (await QueryAsync($"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn", TimeSpan.FromSeconds(30), answer => answer == "t") is null)
        {
            throw new InvalidOperationException($"The standby on port {Port} did not replay up to {written} in time.");
        }
    }

    /// <summary>Promotes this standby to a primary on a new timeline; returns once it accepts writes.</summary>
    public async Task PromoteAsync() =>
        await AsPostgresAsync("pg_ctl", ["promote", "-w", "-t", "60", "-D", DataDirectory]);

    /// <summary>
    /// Stops (SIGSTOP) the postmaster and every backend, like a hung machine: the kernel still accepts TCP
    /// connections into the listen backlog, but nothing answers on them or on the open ones.
    /// </summary>
    public async Task FreezeAsync()
    {
        var postmaster = PostmasterPid() ?? throw new InvalidOperationException($"The server on port {Port} is not running.");
        // The postmaster first, so that it forks no backend after the children are listed.
        _frozen = [postmaster];
        await SignalAsync("STOP", _frozen);
        var children = await ProcessRunner.RunAsync("pgrep", ["-P", postmaster.ToString(CultureInfo.InvariantCulture)]);
        var backends = children.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToList();
        _frozen = [postmaster, .. backends];
        await SignalAsync("STOP", backends);
    }

    public async Task ThawAsync()
    {
        await SignalAsync("CONT", _frozen);
        _frozen = [];
    }

    public async Task CreateDatabaseAsync(string name) =>
        await ProcessRunner.RunCheckedAsync("psql", ["-h", "127.0.0.1", "-p", PortText, "-U", "postgres", "-c", $"CREATE DATABASE \"{name}\""]);

    /// <summary>Stops the server at once, as a crash would (no shutdown checkpoint).</summary>
    public async Task StopAsync()
    {
        // A stopped process acts on no signal but SIGCONT and SIGKILL: pg_ctl stop would wait on it in vain.
        await ThawAsync();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await AsPostgresAsync("pg_ctl", ["stop", "-m", "immediate", "-D", DataDirectory]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    public static bool IsRoot => Environment.UserName == "root";

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string PortText => Port.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> NewDirectoryAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"squadra-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", directory]);
        }
        return directory;
    }

    private Task<string> StartServerAsync() =>
        AsPostgresAsync("pg_ctl",
        [
            "start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"),
            "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300",
        ]);

    /// <summary>Asks until the answer (one value, as psql prints it) satisfies <paramref name="accept"/>; null if none did in time.</summary>
    public async Task<string?> QueryAsync(string sql, TimeSpan timeout, Func<string, bool> accept)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = await ProcessRunner.RunAsync("psql",
                ["-X", "-At", "-h", "127.0.0.1", "-p", PortText, "-U", "postgres", "-d", "postgres", "-c", sql],
                environment: new Dictionary<string, string> { ["PGCONNECT_TIMEOUT"] = "2" }, timeout: TimeSpan.FromSeconds(10));
            if (result.ExitCode == 0 && accept(result.Output.Trim()))
            {
                return result.Output.Trim();
            }
            if (DateTime.UtcNow > deadline)
            {
                return null;
            }
            await Task.Delay(100);
        }
    }

    private int? PostmasterPid()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    /// <summary>One kill(1) for all of <paramref name="pids"/>; processes already gone are no error.</summary>
    private static async Task SignalAsync(string signal, IReadOnlyList<int> pids)
    {
        if (pids.Count > 0)
        {
            await ProcessRunner.RunAsync("kill", ["-s", signal, .. pids.Select(pid => pid.ToString(CultureInfo.InvariantCulture))]);
        }
    }

    private Task<string> AsPostgresAsync(string tool, IEnumerable<string> arguments)
    {
        var program = Path.Combine(_binDirectory, tool);
        return IsRoot
            ? ProcessRunner.RunCheckedAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. arguments], workingDirectory: _directory)
            : ProcessRunner.RunCheckedAsync(program, arguments, workingDirectory: _directory);
    }

    private static string FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault() ?? throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql).")
            : throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql).");
}
