using System.Diagnostics;
using Npgsql;

namespace Squadra.Api.Data;

/// <summary>
/// One database node as <see cref="PrimaryLocator"/> sees it: what it last answered about its role, and a
/// pooled data source for the application's work on it.
/// </summary>
internal sealed class NodeProbe(string host, int port, NpgsqlDataSource probeSource, NpgsqlDataSource workSource) : IAsyncDisposable
{
    // Writable = a primary out of recovery that is not held read-only (pg_auto_failover keeps a standby it
    // is promoting read-only until the old primary is demoted). The timeline tells two primaries apart:
    // the one promoted last has the higher one.
    private const string RoleQuery = """
        SELECT NOT (pg_is_in_recovery() OR current_setting('default_transaction_read_only')::boolean),
               CASE WHEN pg_is_in_recovery() THEN 0
                    ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END
        """;

    private NpgsqlConnection? _connection;

    public string Host => host;
    public int Port => port;
    public NpgsqlDataSource DataSource => workSource;
    public bool Writable { get; private set; }
    public long Timeline { get; private set; }
    public long AnsweredAt { get; private set; }

    /// <summary>When the last finished probe, answered or not, was started.</summary>
    public long LastProbeStartedAt { get; private set; }

    /// <summary>Whether the node said it was a writable primary, recently enough to be believed.</summary>
    public bool IsWritableWithin(TimeSpan freshness) =>
        Writable && AnsweredAt != 0 && Stopwatch.GetElapsedTime(AnsweredAt) < freshness;

    public async Task ProbeAsync(TimeSpan timeout, CancellationToken ct)
    {
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            await AskAsync(timeout, ct);
        }
        finally
        {
            LastProbeStartedAt = startedAt;
        }
    }

    private async Task AskAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            _connection ??= await probeSource.OpenConnectionAsync(deadline.Token);
            await using var command = new NpgsqlCommand(RoleQuery, _connection);
            await using var reader = await command.ExecuteReaderAsync(deadline.Token);
            await reader.ReadAsync(deadline.Token);
            Writable = reader.GetBoolean(0);
            Timeline = reader.GetInt32(1);
            AnsweredAt = Stopwatch.GetTimestamp();
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException or IOException)
        {
            Writable = false;
            await CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        await probeSource.DisposeAsync();
        await workSource.DisposeAsync();
    }

    private async Task CloseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }
}
