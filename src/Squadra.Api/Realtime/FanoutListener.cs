using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using Prometheus;

namespace Squadra.Api.Realtime;

/// <summary>
/// Each replica's one LISTEN connection. What it hears goes through a channel to
/// <see cref="FanoutDispatcher"/>, which pushes to this replica's own connections. When the
/// connection breaks (failover), it reconnects to the new primary and catches up from the database
/// before it calls itself healthy again.
/// </summary>
internal sealed class FanoutListener(
    NpgsqlDataSource dataSource,
    FanoutDispatcher dispatcher,
    ILogger<FanoutListener> logger) : BackgroundService
{
    private static readonly TimeSpan s_idleCheck = TimeSpan.FromSeconds(3);
    private static readonly Counter s_reconnects = Metrics.CreateCounter(
        "squadra_database_failovers_seen_total", "Times this replica's LISTEN connection broke and was re-established (database failovers or restarts).");

    private readonly Channel<FanoutEvent> _events = Channel.CreateUnbounded<FanoutEvent>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _listening;

    public bool IsListening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dispatching = DispatchAsync(stoppingToken);
        var firstConnection = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(firstConnection, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _listening = false;
                logger.LogWarning("Fan-out LISTEN connection lost ({Error}); reconnecting", e.Message);
                s_reconnects.Inc();
                firstConnection = false;
                await Task.Delay(TimeSpan.FromMilliseconds(300), stoppingToken);
            }
        }
        _events.Writer.TryComplete();
        await dispatching;
    }

    private async Task ListenAsync(bool firstConnection, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        connection.Notification += (_, e) =>
        {
            try
            {
                if (JsonSerializer.Deserialize<FanoutEvent>(e.Payload) is { } fanoutEvent)
                {
                    _events.Writer.TryWrite(fanoutEvent);
                }
            }
            catch (JsonException error)
            {
                logger.LogError(error, "Ignoring an unreadable fan-out payload");
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {FanoutPublisher.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        if (!firstConnection)
        {
            // Whatever was committed while we were deaf is in the database: the dispatcher reads it, in
            // order with what the new connection hears from now on.
            _events.Writer.TryWrite(new CatchUpRequested());
        }
        _listening = true;
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Fan-out listening on {Host}:{Port}", connection.Host, connection.Port);
        }

        while (!ct.IsCancellationRequested)
        {
            // A hung primary never closes the socket: when nothing arrives for a while, ask it something.
            if (!await connection.WaitAsync(s_idleCheck, ct))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 2 };
                await ping.ExecuteScalarAsync(ct);
            }
        }
    }

    private async Task DispatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var fanoutEvent in _events.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await dispatcher.DispatchAsync(fanoutEvent, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Fan-out of {Event} failed", fanoutEvent.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
