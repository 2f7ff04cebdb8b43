using System.Diagnostics;
using Npgsql;

namespace Squadra.Faults.Infrastructure;

/// <summary>The faults themselves: crashes, lost machines and hung machines, done to the stack's real processes.</summary>
public static class Inject
{
    /// <summary>kill -9 of the process supervisord runs for <paramref name="program"/>; returns its pid.</summary>
    public static async Task<int> KillProgramAsync(FaultStack stack, string program)
    {
        var pid = await stack.ProcessIdAsync(program) ?? throw new InvalidOperationException($"{program} is not running");
        await Signals.KillAsync([pid]);
        return pid;
    }

    /// <summary>kill -9 of every process of a node at once (keeper and PostgreSQL): a crash; supervisord restarts the keeper.</summary>
    public static async Task<NodeProcesses> CrashNodeAsync(FaultStack stack, string node)
    {
        var processes = await stack.Database.ProcessesAsync(node);
        await Signals.KillAsync(processes.All);
        return processes;
    }

    /// <summary>kill -9 of the monitor's pg_autoctl and of its PostgreSQL.</summary>
    public static async Task<IReadOnlyList<int>> CrashMonitorAsync(FaultStack stack)
    {
        var keeper = await stack.ProcessIdAsync("pg-monitor") ?? throw new InvalidOperationException("pg-monitor is not running");
        var postmaster = stack.Database.PostmasterPid("monitor") ?? throw new InvalidOperationException("the monitor's PostgreSQL is not running");
        var all = ProcessTable.GroupAndDescendants(ProcessTable.Read(keeper)?.ProcessGroup, keeper, postmaster);
        await Signals.KillAsync(all);
        return all;
    }

    /// <summary>
    /// Machines that die and stay dead: every process of the nodes is stopped at once (SIGSTOP, so
    /// nothing of them reacts any more), then killed (SIGKILL), and supervisord is kept from starting
    /// them again: it is asked to stop the keeper while that is still frozen, and the keeper is killed
    /// once supervisord waits for it to exit, so supervisord records a stop, not a crash. Back with
    /// <see cref="ReturnNodeAsync"/>. <paramref name="frozen"/> is called the moment they stop (the fault).
    /// </summary>
    public static async Task<IReadOnlyList<NodeProcesses>> LoseNodesAsync(FaultStack stack, Action frozen, params string[] nodes)
    {
        var processes = new List<NodeProcesses>();
        foreach (var node in nodes)
        {
            processes.Add(await stack.Database.ProcessesAsync(node));
        }
        await Signals.FreezeAsync(processes.SelectMany(p => p.All));
        frozen();
        await Signals.KillAsync(processes.SelectMany(p => p.All.Where(pid => pid != p.Keeper)));
        var stops = nodes.Select(node => stack.SupervisorAsync("stop", $"pg-{node}")).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var node in nodes)
        {
            while (await stack.ProgramStateAsync($"pg-{node}") != "STOPPING" && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
        await Signals.KillAsync(processes.Select(p => p.Keeper).OfType<int>());
        await Signals.ThawAsync(processes.SelectMany(p => p.All));
        await Task.WhenAll(stops);
        foreach (var node in nodes)
        {
            var state = await stack.ProgramStateAsync($"pg-{node}");
            if (state != "STOPPED")
            {
                throw new InvalidOperationException($"pg-{node} should be kept down but supervisord says {state}");
            }
        }
        return processes;
    }

    public static async Task ReturnNodeAsync(FaultStack stack, string node)
    {
        var result = await stack.SupervisorAsync("start", $"pg-{node}");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"supervisorctl start pg-{node}: {result.Output}");
        }
    }

    /// <summary>
    /// Asks one node, directly, every 200 ms until <paramref name="stop"/>: does it take a write? Each
    /// attempt is a transaction that writes WAL (a transactional logical message, no table touched) and
    /// commits on its own connection, with no client-side timeout, so that nothing cancels a commit that
    /// waits for a synchronous standby (a cancelled wait commits locally). A node that must not take
    /// writes refuses them, is read-only, or holds the commit until it is stopped. Returns what was seen
    /// each time a commit succeeded: when, how long it took, the node's settings then and its notices.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WritesAcceptedByAsync(FaultStack stack, string node, Func<TimeSpan> clock, CancellationToken stop)
    {
        var accepted = new List<string>();
        var attempts = new List<Task>();
        async Task AttemptAsync()
        {
            var notices = new List<string>();
            try
            {
                await using var connection = new NpgsqlConnection(stack.Database.NodeConnectionString(node, commandTimeoutSeconds: 0));
                connection.Notice += (_, e) => notices.Add($"{e.Notice.Severity}: {e.Notice.MessageText}");
                await connection.OpenAsync(CancellationToken.None);
                var started = Stopwatch.StartNew();
                await using (var command = new NpgsqlCommand("BEGIN; SELECT pg_logical_emit_message(true, 'squadra-fault-probe', 'x'); COMMIT;", connection))
                {
                    await command.ExecuteNonQueryAsync(CancellationToken.None);
                }
                var took = started.Elapsed;
                await using var settings = new NpgsqlCommand(
                    "SELECT format('in recovery %s, synchronous_standby_names ''%s'', read only %s', " +
                    "pg_is_in_recovery(), current_setting('synchronous_standby_names'), current_setting('transaction_read_only'))",
                    connection);
                var state = await settings.ExecuteScalarAsync(CancellationToken.None);
                lock (accepted)
                {
                    accepted.Add($"+{clock().TotalSeconds:0.00} s (commit took {took.TotalSeconds:0.00} s; {state}; notices: {string.Join(" | ", notices)})");
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                // Refused, read-only, down, or stopped while the commit waited: not a write taken.
            }
        }
        while (!stop.IsCancellationRequested)
        {
            attempts.Add(Task.Run(AttemptAsync, CancellationToken.None));
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        // A commit still waiting for a standby has not been taken; it ends when its server is stopped.
        await Task.WhenAny(Task.WhenAll(attempts), Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
        lock (accepted)
        {
            return [.. accepted];
        }
    }
}
