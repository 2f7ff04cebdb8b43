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

    private TestPostgres(string directory, string binDirectory, int port)
    {
        _directory = directory;
        _binDirectory = binDirectory;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_directory, "data");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Timeout=5;Command Timeout=30";

    public static async Task<TestPostgres> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var directory = Path.Combine(Path.GetTempPath(), $"squadra-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", directory]);
        }

        var server = new TestPostgres(directory, binDirectory, FreeTcpPort());
        await server.AsPostgresAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await server.AsPostgresAsync("pg_ctl",
        [
            "start", "-w", "-t", "60", "-D", server.DataDirectory, "-l", Path.Combine(directory, "postgres.log"),
            "-o", $"-p {server.Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300",
        ]);
        return server;
    }

    public async Task CreateDatabaseAsync(string name) =>
        await ProcessRunner.RunCheckedAsync("psql", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-c", $"CREATE DATABASE \"{name}\""]);

    /// <summary>Stops the server at once, as a crash would (no shutdown checkpoint).</summary>
    public async Task StopAsync()
    {
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
