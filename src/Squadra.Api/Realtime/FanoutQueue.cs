using System.Threading.Channels;

namespace Squadra.Api.Realtime;

/// <summary>
/// The one queue <see cref="FanoutDispatcher"/> works through, in order: what the announcement channel hears, and this
/// replica's own work (catch-up after a reconnect, sweeps, the end of a wait for a missing announcement).
/// </summary>
internal sealed class FanoutQueue
{
    private readonly Channel<FanoutEvent> _events = Channel.CreateUnbounded<FanoutEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(FanoutEvent fanoutEvent) => _events.Writer.TryWrite(fanoutEvent);

    /// <summary>Queues <paramref name="fanoutEvent"/> after <paramref name="delay"/>.</summary>
    public void EnqueueAfter(TimeSpan delay, FanoutEvent fanoutEvent) =>
        _ = Task.Delay(delay).ContinueWith(_ => Enqueue(fanoutEvent), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    public IAsyncEnumerable<FanoutEvent> ReadAllAsync(CancellationToken ct) => _events.Reader.ReadAllAsync(ct);

    public void Complete() => _events.Writer.TryComplete();
}
