using System.Globalization;
using Npgsql;
using Squadra.Testing;

namespace Squadra.Faults.Infrastructure;

/// <summary>A data node as the pg_auto_failover monitor sees it.</summary>
public sealed record NodeState(string Name, string Reported, string Goal, int Port)
{
    public bool Settled => Reported == Goal;

    public bool Writable => Settled && Reported is "primary" or "wait_primary" or "single";

    public override string ToString() => Settled ? $"{Name}:{Reported}" : $"{Name}:{Reported}->{Goal}";
}

/// <summary>A data node's processes: its keeper (pg_autoctl and its services, one process group) and its PostgreSQL.</summary>
public sealed record NodeProcesses(string Node, int? Keeper, int? Postmaster, IReadOnlyList<int> All);

/// <summary>A committed chat message, read from the primary.</summary>
public sealed record StoredMessage(string TeamId, long Seq, string Id, string Body);

/// <summary>A committed event, read from the primary.</summary>
public sealed record StoredEvent(string TeamId, string Id, string Title);

/// <summary>The database pair and its monitor, asked directly (not through the API).</summary>
public sealed class DatabaseTier
{
    private readonly FaultStack _stack;

    // The monitor is asked from static helpers: the suite runs one stack at a time (its ports are constants too).
    private static string? s_stateDirectory;

    public DatabaseTier(FaultStack stack)
    {
        _stack = stack;
        s_stateDirectory = stack.StateDirectory;
    }

    public static readonly string[] Nodes = ["node1", "node2"];

    public static int PortOf(string node) => node == "node1" ? FaultStack.Node1Port : FaultStack.Node2Port;

    public static string Other(string node) => node == "node1" ? "node2" : "node1";

    private string Password => File.ReadAllText(Path.Combine(_stack.StateDirectory, "secrets", "db-password")).Trim();

    /// <summary>The application's own view: whichever node is primary.</summary>
    public string PrimaryConnectionString =>
        $"Host=127.0.0.1:{FaultStack.Node1Port},127.0.0.1:{FaultStack.Node2Port};Database=squadra;Username=squadra;Password={Password};" +
        "Target Session Attributes=primary;Timeout=3;Command Timeout=15;Pooling=false";

    /// <summary>Exactly one node, whatever its role.</summary>
    public string NodeConnectionString(string node, int commandTimeoutSeconds = 3) =>
        $"Host=127.0.0.1;Port={PortOf(node)};Database=squadra;Username=squadra;Password={Password};" +
        $"Timeout=2;Command Timeout={commandTimeoutSeconds};Pooling=false;Cancellation Timeout=1000";

    /// <summary>As the keepers reach the monitor: autoctl_node, with its generated password (scram-sha-256).</summary>
    private static string MonitorConnectionString =>
        $"Host=127.0.0.1;Port={FaultStack.MonitorPort};Database=pg_auto_failover;Username=autoctl_node;Password={MonitorPassword};" +
        "Timeout=3;Command Timeout=5;Pooling=false";

    private static string MonitorPassword =>
        File.ReadAllText(Path.Combine(s_stateDirectory ?? throw new InvalidOperationException("no fault stack yet"), "secrets", "pg-autoctl-password")).Trim();

    /// <summary>Both data nodes as the monitor sees them; null when the monitor does not answer.</summary>
    public static async Task<IReadOnlyList<NodeState>?> NodesAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(MonitorConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT nodename, reportedstate::text, goalstate::text, nodeport FROM pgautofailover.node ORDER BY nodeid", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var nodes = new List<NodeState>();
            while (await reader.ReadAsync())
            {
                nodes.Add(new NodeState(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
            return nodes;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            return null;
        }
    }

    /// <summary>How many state changes the monitor has recorded (pgautofailover.event): a failover adds several.</summary>
    public static async Task<long> MonitorEventCountAsync()
    {
        await using var connection = new NpgsqlConnection(MonitorConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pgautofailover.event", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<string> DescribeAsync() =>
        await NodesAsync() is { } nodes ? string.Join(' ', nodes) : "monitor unreachable";

    /// <summary>The node the monitor considers the writable primary, if any.</summary>
    public static async Task<string?> PrimaryAsync() =>
        (await NodesAsync())?.FirstOrDefault(n => n.Writable)?.Name;

    /// <summary>
    /// One primary and one secondary, both in their assigned state (a primary whose standby is away is
    /// wait_primary), and the primary streaming to a synchronous standby (pg_stat_replication).
    /// </summary>
    public async Task<bool> SynchronousPairAsync()
    {
        if (await NodesAsync() is not { Count: 2 } nodes || !nodes.All(n => n.Settled)
            || !nodes.Select(n => n.Reported).Order(StringComparer.Ordinal).SequenceEqual(["primary", "secondary"]))
        {
            return false;
        }
        var primary = nodes.Single(n => n.Reported == "primary").Name;
        var standbys = await SuperuserQueryAsync(primary,
            "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND sync_state IN ('sync', 'quorum')");
        return standbys is "1";
    }

    /// <summary>
    /// One value from a node, asked as the database superuser through the unix socket (what pg_autoctl
    /// does; pg_stat_replication's details are for superusers). Null when the node does not answer.
    /// </summary>
    public async Task<string?> SuperuserQueryAsync(string node, string sql)
    {
        string[] psql = ["psql", "-X", "-q", "-At", "-h", Path.Combine(_stack.StateDirectory, "pg", "run"), "-p", PortOf(node).ToString(CultureInfo.InvariantCulture), "-d", "postgres", "-c", sql];
        var result = TestPostgres.IsRoot
            ? await ProcessRunner.RunAsync("timeout", ["5", "setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", .. psql])
            : await ProcessRunner.RunAsync("timeout", ["5", .. psql]);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    /// <summary>The postmaster's pid from its pid file, when that process is alive.</summary>
    public int? PostmasterPid(string node)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(_stack.StateDirectory, "pg", node, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ProcessTable.IsAlive(pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The keeper's process group (pg_autoctl and its services; the postmaster too) and every PostgreSQL process of the node.</summary>
    public async Task<NodeProcesses> ProcessesAsync(string node)
    {
        var keeper = await _stack.ProcessIdAsync($"pg-{node}");
        var postmaster = PostmasterPid(node);
        var group = keeper is { } k ? ProcessTable.Read(k)?.ProcessGroup : null;
        return new NodeProcesses(node, keeper, postmaster, ProcessTable.GroupAndDescendants(group, [.. new[] { keeper, postmaster }.OfType<int>()]));
    }

    /// <summary>Every message and event of the given teams, as committed on the current primary.</summary>
    public async Task<(IReadOnlyList<StoredMessage> Messages, IReadOnlyList<StoredEvent> Events)> ReadTeamsAsync(IReadOnlyCollection<string> teamIds)
    {
        var ids = teamIds.Select(Guid.Parse).ToArray();
        await using var connection = new NpgsqlConnection(PrimaryConnectionString);
        await connection.OpenAsync();
        var messages = new List<StoredMessage>();
        await using (var command = new NpgsqlCommand(
            "SELECT team_id::text, seq, id::text, body FROM messages WHERE team_id = ANY(@ids) ORDER BY team_id, seq", connection))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                messages.Add(new StoredMessage(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
            }
        }
        var events = new List<StoredEvent>();
        await using (var command = new NpgsqlCommand("SELECT team_id::text, id::text, title FROM events WHERE team_id = ANY(@ids)", connection))
        {
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events.Add(new StoredEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        return (messages, events);
    }
}
