using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;
using Squadra.Api.Data;

namespace Squadra.Api.Realtime;

/// <summary>
/// Announces what this replica committed, after the commit, on the fan-out channel. The writing transaction
/// never NOTIFYs: PostgreSQL's NOTIFY takes one cluster-wide lock held until commit, synchronous standby's
/// acknowledgement included, which made every post in the cluster commit one at a time. Here everything
/// committed while the previous batch was being sent goes out together as one statement in a transaction of
/// its own with <c>synchronous_commit = off</c> (a lost announcement is harmless: it is a hint, and the sweep of
/// <see cref="FanoutDispatcher"/> finds what was committed but never announced).
/// </summary>
internal sealed class Announcer(Db db, FanoutPayloads fanoutPayloads, IOptionsMonitor<FanoutOptions> options, ILogger<Announcer> logger) : BackgroundService
{
    // One batch's payloads (each under 8000 bytes): one round trip, a few hundred kilobytes at most.
    private const int MaxPayloadsPerBatch = 64;

    private static readonly Counter s_announced = Metrics.CreateCounter(
        "squadra_fanout_announced_total", "Fan-out payloads this replica sent with NOTIFY after their commit.");
    private static readonly Counter s_batches = Metrics.CreateCounter(
        "squadra_fanout_announcement_batches_total", "Announcement transactions this replica sent (each carries one or more payloads).");
    private static readonly Counter s_dropped = Metrics.CreateCounter(
        "squadra_fanout_announcements_dropped_total", "Payloads that could not be sent (database unreachable past the retries); the sweep covers them.");

    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Announces <paramref name="fanoutEvent"/> once <paramref name="transaction"/> has committed; never if it rolls back.</summary>
    public void AfterCommit(NpgsqlTransaction transaction, FanoutEvent fanoutEvent) =>
        db.AfterCommit(transaction, () => Announce(fanoutEvent));

    /// <summary>
    /// Announces <paramref name="fanoutEvent"/> now: a signal that is no database change (typing, presence), or a change
    /// whose single statement has already committed. Queued behind what this replica announced before, in order.
    /// </summary>
    public void Announce(FanoutEvent fanoutEvent)
    {
        foreach (var payload in fanoutPayloads.Of(fanoutEvent))
        {
            _pending.Writer.TryWrite(payload);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<string>(MaxPayloadsPerBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                if (options.CurrentValue.HoldBeforeSend is { } hold && hold > TimeSpan.Zero)
                {
                    await Task.Delay(hold, stoppingToken);
                }
                batch.Clear();
                while (batch.Count < MaxPayloadsPerBatch && _pending.Reader.TryRead(out var payload))
                {
                    batch.Add(payload);
                }
                await SendAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still pending is found by the other replicas' sweeps.
        }
    }

    private async Task SendAsync(List<string> payloads, CancellationToken ct)
    {
        try
        {
            // One statement, one round trip, its own implicit transaction: set_config(..., is_local => true) turns
            // synchronous_commit off for that transaction only (its commit waits for no flush and no standby),
            // without the BEGIN and COMMIT round trips of an explicit one.
            await db.RunAsync((connection, token) => connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
                SELECT count(pg_notify(@channel, p)) FROM async_commit, unnest(@payloads) AS p
                """,
                new { channel = FanoutPayloads.Channel, payloads = payloads.ToArray() }, cancellationToken: token)), ct);
            s_batches.Inc();
            s_announced.Inc(payloads.Count);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            s_dropped.Inc(payloads.Count);
            logger.LogWarning("Could not announce {Count} fan-out payloads ({Error}); the sweep will deliver what they named", payloads.Count, e.Message);
        }
    }
}
