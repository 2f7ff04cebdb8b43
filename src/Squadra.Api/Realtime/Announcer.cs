using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;
using Squadra.Api.Data;

namespace Squadra.Api.Realtime;

/// <summary>
/// Announces what this replica committed, after the commit, on the fan-out channel (<see cref="IAnnouncementChannel"/>).
/// The writing transaction never NOTIFYs: PostgreSQL's NOTIFY takes one cluster-wide lock held until commit, synchronous
/// standby's acknowledgement included, which made every post in the cluster commit one at a time. Here everything
/// committed while the previous batch was being sent goes out together as one batch (on PostgreSQL one statement in a
/// transaction of its own with <c>synchronous_commit = off</c>). A lost announcement is harmless: it is a hint, and the
/// sweep of <see cref="FanoutDispatcher"/> finds what was committed but never announced.
/// </summary>
internal sealed class Announcer(
    Db db,
    FanoutPayloads fanoutPayloads,
    IAnnouncementChannel channel,
    IOptionsMonitor<FanoutOptions> options,
    ILogger<Announcer> logger) : BackgroundService
{
    // One batch's payloads (each under 8000 bytes): one round trip, a few hundred kilobytes at most.
    private const int MaxPayloadsPerBatch = 64;

    private static readonly Counter s_announced = Metrics.CreateCounter(
        "squadra_fanout_announced_total", "Fan-out payloads this replica sent on the announcement channel (NOTIFY or NATS) after their commit.");
    private static readonly Counter s_batches = Metrics.CreateCounter(
        "squadra_fanout_announcement_batches_total", "Announcement batches this replica sent (each carries one or more payloads; on PostgreSQL one transaction).");
    private static readonly Counter s_dropped = Metrics.CreateCounter(
        "squadra_fanout_announcements_dropped_total", "Payloads that could not be sent (database or NATS unreachable); the sweep covers them.");

    private readonly Channel<Announcement> _pending = Channel.CreateUnbounded<Announcement>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Announces <paramref name="fanoutEvent"/> once <paramref name="transaction"/> has committed; never if it rolls back.</summary>
    public void AfterCommit(NpgsqlTransaction transaction, FanoutEvent fanoutEvent) =>
        db.AfterCommit(transaction, () => Announce(fanoutEvent));

    /// <summary>
    /// Announces <paramref name="fanoutEvent"/> now: a signal that is no database change (typing, presence), or a change
    /// whose single statement has already committed. Queued behind what this replica announced before, in order.
    /// </summary>
    public void Announce(FanoutEvent fanoutEvent)
    {
        foreach (var announcement in fanoutPayloads.Of(fanoutEvent))
        {
            _pending.Writer.TryWrite(announcement);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Announcement>(MaxPayloadsPerBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                if (options.CurrentValue.HoldBeforeSend is { } hold && hold > TimeSpan.Zero)
                {
                    await Task.Delay(hold, stoppingToken);
                }
                batch.Clear();
                while (batch.Count < MaxPayloadsPerBatch && _pending.Reader.TryRead(out var announcement))
                {
                    batch.Add(announcement);
                }
                await SendAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still pending is found by the other replicas' sweeps.
        }
    }

    private async Task SendAsync(List<Announcement> batch, CancellationToken ct)
    {
        try
        {
            await channel.SendAsync(batch, ct);
            s_batches.Inc();
            s_announced.Inc(batch.Count);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            s_dropped.Inc(batch.Count);
            logger.LogWarning("Could not announce {Count} fan-out payloads ({Error}); the sweep will deliver what they named", batch.Count, e.Message);
        }
    }
}
