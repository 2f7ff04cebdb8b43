using System.Text.Json;
using Npgsql;
using Prometheus;
using Squadra.Api.Data;

namespace Squadra.Api.Realtime;

/// <summary>
/// Each replica's one LISTEN connection (the receiving half of <see cref="PostgresAnnouncementChannel"/>). What it
/// hears goes through <see cref="FanoutQueue"/> to <see cref="FanoutDispatcher"/>, which pushes to this replica's own
/// connections. When the connection breaks (failover), it reconnects to the new primary and catches up from the
/// database before it calls itself healthy again.
/// </summary>
internal sealed class FanoutListener(
    Db db,
    FanoutQueue events,
    FanoutPayloads payloads,
    ILogger<FanoutListener> logger)
{
    private static readonly TimeSpan s_idleCheck = TimeSpan.FromSeconds(3);
    private static readonly Counter s_reconnects = Metrics.CreateCounter(
        "squadra_database_failovers_seen_total", "Times this replica's LISTEN connection broke and was re-established (database failovers or restarts).");

    private volatile bool _listening;

    public bool IsListening => _listening;

    /// <summary>Listens, reconnecting whenever the connection breaks, until <paramref name="stoppingToken"/>.</summary>
    public async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _listening = false;
                logger.LogWarning("Fan-out LISTEN connection lost ({Error}); reconnecting", e.Message);
                s_reconnects.Inc();
                await Task.Delay(TimeSpan.FromMilliseconds(300), stoppingToken);
            }
        }
    }

    private async Task ListenOnceAsync(CancellationToken stoppingToken)
    {
        var (connection, abandoned) = await db.OpenOnPrimaryAsync(stoppingToken);
        var listening = ListenOnAsync(connection, abandoned, stoppingToken);
        // When another node is taken for the primary, this one is left at once: reconnect and catch up there.
        // The old connection is not cancelled (Npgsql would send a cancel request to a server that may be frozen,
        // blocking a thread); it ends by itself at its next idle check, and is closed then.
        _ = listening.ContinueWith(static (ended, connection) =>
        {
            _ = ended.Exception;
            return ((NpgsqlConnection)connection!).DisposeAsync().AsTask();
        }, connection, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        await listening.WaitAsync(abandoned);
    }

    private async Task ListenOnAsync(NpgsqlConnection connection, CancellationToken abandoned, CancellationToken ct)
    {
        connection.Notification += (_, e) =>
        {
            if (abandoned.IsCancellationRequested)
            {
                return;
            }
            try
            {
                if (payloads.Read(e.Payload) is { } fanoutEvent)
                {
                    FanoutMetrics.Received.Inc();
                    events.Enqueue(fanoutEvent);
                }
            }
            catch (Exception error) when (error is JsonException or NotSupportedException)
            {
                logger.LogError(error, "Ignoring an unreadable fan-out payload");
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {FanoutPayloads.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        // Whatever was committed while we were deaf is in the database: the dispatcher reads it, in order with what
        // the new connection hears from now on. The first connection too: hub connections are accepted as soon as
        // Kestrel listens, possibly before this LISTEN has run, and a client that caught up through REST in between would
        // otherwise wait for the sweep for what was committed meanwhile (with nobody connected it reads nothing).
        events.Enqueue(new CatchUpRequested());
        _listening = true;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Fan-out listening on {Host}:{Port}", connection.Host, connection.Port);
        }

        while (!ct.IsCancellationRequested && !abandoned.IsCancellationRequested)
        {
            // A hung primary never closes the socket: when nothing arrives for a while, ask it something.
            if (!await connection.WaitAsync(s_idleCheck, ct))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 2 };
                await ping.ExecuteScalarAsync(ct);
            }
        }
    }
}
