using System.Diagnostics;
using NATS.Client.Core;

namespace Squadra.Bench;

/// <summary>One ceiling of an announcement channel: what it carried a second, and what it cost.</summary>
internal sealed record BrokerRow(string Channel, string How, int Publishers, int Batch, double SentPerSecond, double ReceivedPerSecond, ProcWindow Window, string LoadAfter);

/// <summary>
/// <c>bench broker</c> (issue 23 item 4): the two announcement channels' own ceilings, without Squadra in the way.
/// PostgreSQL: the primary's NOTIFY throughput with the announcer's own statement (<see cref="StackInfo.NotifyCeilingAsync"/>).
/// NATS: core publish from one connection per publisher, round-robin over the cluster's nodes, to a thousand
/// subjects like the channel's <c>conv.&lt;id&gt;</c> ones, with one subscriber to all of them on the last node.
/// </summary>
internal static class BrokerCeilings
{
    /// <summary>About the size of a chat message's announcement (its JSON: kind, team, seq, message id, origin).</summary>
    public const int PayloadBytes = 160;

    private const int Subjects = 1000;
    private const string Prefix = "squadra_bench";

    public static async Task<List<BrokerRow>> RunAsync(BenchContext context, IReadOnlyList<Uri> nats, int seconds, CancellationToken ct)
    {
        var rows = new List<BrokerRow>();
        // As many publishers as the stack has replicas (one announcer each), then the usual pgbench concurrency.
        var publisherCounts = new[] { context.Options.Api.Count, context.Options.Concurrency }.Distinct().ToList();
        if (context.Stack.HasDatabase)
        {
            foreach (var publishers in publisherCounts)
            {
                foreach (var batch in new[] { 1, 20 })
                {
                    Console.WriteLine($"broker: pg_notify, {publishers} publishers, batches of {batch}");
                    var start = await context.Proc.SampleAsync();
                    var result = await context.Stack.NotifyCeilingAsync(publishers, batch, PayloadBytes, seconds, ct)
                        ?? throw new BenchException("the NOTIFY ceiling needs pgbench");
                    var window = ProcStats.Between(start, await context.Proc.SampleAsync());
                    rows.Add(new BrokerRow("postgres", "`pg_notify`, `synchronous_commit = off`", publishers, batch, result.Tps * batch, double.NaN, window, await ProcStats.LoadAverageAsync()));
                    Console.WriteLine($"  {rows[^1].SentPerSecond:N0} notifications/s");
                }
            }
        }
        if (nats.Count > 0)
        {
            foreach (var publishers in publisherCounts)
            {
                Console.WriteLine($"broker: NATS publish, {publishers} publishers");
                rows.Add(await NatsCeilingAsync(context, nats, publishers, seconds, ct));
                Console.WriteLine($"  {rows[^1].SentPerSecond:N0} published/s, {rows[^1].ReceivedPerSecond:N0} received/s");
            }
        }
        return rows;
    }

    private static async Task<BrokerRow> NatsCeilingAsync(BenchContext context, IReadOnlyList<Uri> nats, int publishers, int seconds, CancellationToken ct)
    {
        // A deep pending queue: the count is what reached this process, not what a default 1,024-message buffer dropped.
        await using var subscriber = new NatsConnection(NatsOpts.Default with { Url = nats[^1].ToString(), Name = "bench-subscriber", SubPendingChannelCapacity = 1 << 20 });
        long received = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var subscription = await subscriber.SubscribeCoreAsync<byte[]>($"{Prefix}.conv.>", cancellationToken: ct);
        var counting = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in subscription.Msgs.ReadAllAsync(stop.Token))
                {
                    Interlocked.Increment(ref received);
                }
            }
            catch (OperationCanceledException)
            {
                // the window is over
            }
        }, CancellationToken.None);
        await subscriber.PingAsync(ct); // the subscription is registered before the first publish

        var connections = Enumerable.Range(0, publishers).Select(i => Connect(nats[i % nats.Count], $"bench-publisher-{i}")).ToList();
        try
        {
            foreach (var connection in connections)
            {
                await connection.ConnectAsync();
            }
            var payload = new byte[PayloadBytes];
            Array.Fill(payload, (byte)'x');
            long sent = 0;
            var receivedBefore = Interlocked.Read(ref received);
            var start = await context.Proc.SampleAsync();
            var clock = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(connections.Select((connection, p) => Task.Run(async () =>
            {
                for (var n = p; clock.Elapsed < deadline; n += publishers)
                {
                    await connection.PublishAsync($"{Prefix}.conv.{n % Subjects}", payload, cancellationToken: ct);
                    Interlocked.Increment(ref sent);
                }
            }, ct)));
            var elapsed = clock.Elapsed.TotalSeconds;
            var receivedInWindow = Interlocked.Read(ref received) - receivedBefore;
            var window = ProcStats.Between(start, await context.Proc.SampleAsync());
            return new BrokerRow("nats", "core publish, no flush (as the channel)", publishers, 1, sent / elapsed, receivedInWindow / elapsed, window, await ProcStats.LoadAverageAsync());
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
            await stop.CancelAsync();
            await counting;
            await subscription.DisposeAsync();
        }
    }

    private static NatsConnection Connect(Uri url, string name) => new(NatsOpts.Default with { Url = url.ToString(), Name = name });
}
