using Squadra.E2E.Infrastructure;
using Squadra.Testing;

namespace Squadra.E2E.Stack;

#pragma warning disable CA1416 // Linux only: Unix file modes

/// <summary>
/// Issue 15: pg_auto_failover's own users took any connection from loopback ("trust"), so any local process
/// could stream the whole database as the replication user or rewrite the monitor's view of the formation as
/// autoctl_node. Now each needs its generated password (scram-sha-256), which only the database's OS user can read.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DatabaseAccessTests(RunningStack stack)
{
    private const string Node1Port = "25432";
    private const string MonitorPort = "25431";

    [Theory]
    [InlineData(Node1Port, "pgautofailover_replicator", "postgres")]
    [InlineData(Node1Port, "pgautofailover_replicator", "squadra")]
    [InlineData(MonitorPort, "autoctl_node", "pg_auto_failover")]
    [InlineData(MonitorPort, "postgres", "pg_auto_failover")]
    public async Task PgAutoFailoversUsersNeedTheirPasswordOverTcp(string port, string user, string database)
    {
        var refused = await PsqlAsync(port, user, database, password: null);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Matches("password authentication failed|no password supplied|rejects connection|pg_hba.conf rejects", refused.Output);
    }

    [Fact]
    public async Task WithTheGeneratedPasswordsTheyConnectAndReplicationRuns()
    {
        var secrets = Path.Combine(stack.StateDirectory, "secrets");
        var replication = (await File.ReadAllTextAsync(Path.Combine(secrets, "pg-replication-password"))).Trim();
        var autoctl = (await File.ReadAllTextAsync(Path.Combine(secrets, "pg-autoctl-password"))).Trim();

        var streaming = await PsqlAsync(Node1Port, "pgautofailover_replicator", "postgres", replication, "SELECT 1");
        var monitor = await PsqlAsync(MonitorPort, "autoctl_node", "pg_auto_failover", autoctl, "SELECT count(*) FROM pgautofailover.node");

        Assert.True(streaming.ExitCode == 0, streaming.Output);
        Assert.True(monitor.ExitCode == 0, monitor.Output);
        Assert.Equal("2", monitor.Output.Trim());
        var status = await stack.RunScriptAsync(["status"]);
        Assert.Contains("secondary", status, StringComparison.Ordinal); // the standby streams with its password
    }

    [Fact]
    public void ThePasswordFileIsTheDatabaseUsersAlone()
    {
        var pgpass = Path.Combine(stack.StateDirectory, "pg", ".pgpass");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pgpass));
        foreach (var secret in new[] { "pg-replication-password", "pg-autoctl-password" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(stack.StateDirectory, "secrets", secret)));
        }
    }

    private static Task<ProcessResult> PsqlAsync(string port, string user, string database, string? password, string query = "SELECT 1")
    {
        // No password file and no password prompt: only what is given here is offered.
        var environment = new Dictionary<string, string> { ["PGPASSFILE"] = "/dev/null", ["PGCONNECT_TIMEOUT"] = "5" };
        if (password is not null)
        {
            environment["PGPASSWORD"] = password;
        }
        return ProcessRunner.RunAsync("psql", ["-X", "-w", "-At", "-h", "127.0.0.1", "-p", port, "-U", user, "-d", database, "-c", query],
            environment, timeout: TimeSpan.FromSeconds(20));
    }
}
