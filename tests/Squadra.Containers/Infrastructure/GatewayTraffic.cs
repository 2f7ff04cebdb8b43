using System.Diagnostics;
using System.Net;
using Squadra.Contracts.Chat;

namespace Squadra.Containers.Infrastructure;

/// <summary>One request as a client saw it; At is the time it was sent, on the traffic's own clock.</summary>
public sealed record Sample(TimeSpan At, TimeSpan Latency, string Kind, string? ServedBy, string? Failure);

/// <summary>A message acknowledged by the deployment, and when (on the traffic's clock).</summary>
public sealed record Ack(TimeSpan At, MessageDto Message);

/// <summary>
/// Clients using the deployment through the gateway while a fault happens: readers of the team's chat history
/// and writers of messages. A writer either makes one attempt per message (any failure counts), or, like the
/// browser app, retries a message with the same Idempotency-Key until it is acknowledged.
/// </summary>
public sealed class GatewayTraffic : IAsyncDisposable
{
    private readonly Uri _gateway;
    private readonly Scene _scene;
    private readonly string _label;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly List<Sample> _samples = [];
    private readonly List<Ack> _acks = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _sequence;

    private GatewayTraffic(Uri gateway, Scene scene, string label)
    {
        _gateway = gateway;
        _scene = scene;
        _label = label;
    }

    public TimeSpan Now => _clock.Elapsed;

    public static GatewayTraffic Start(Uri gateway, Scene scene, string label, int readers, int writers, bool retryWrites)
    {
        var traffic = new GatewayTraffic(gateway, scene, label);
        for (var i = 0; i < readers; i++)
        {
            traffic._loops.Add(Task.Run(traffic.ReadLoopAsync));
        }
        for (var i = 0; i < writers; i++)
        {
            traffic._loops.Add(Task.Run(() => traffic.WriteLoopAsync(retryWrites)));
        }
        return traffic;
    }

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public IReadOnlyList<Ack> Acks
    {
        get
        {
            lock (_acks)
            {
                return [.. _acks.OrderBy(a => a.At)];
            }
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    private void Record(Sample sample)
    {
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    /// <summary>A read that got no answer and was tried again, as the app does (RetryRules: 500 ms later); its sample's Kind.</summary>
    public const string RetriedRead = "read, retried";

    /// <summary>The same for a write, sent again with its Idempotency-Key, where the writer does not retry otherwise.</summary>
    public const string RetriedWrite = "write, retried";

    private async Task ReadLoopAsync()
    {
        using var client = Api.Client(_gateway);
        while (!_stop.IsCancellationRequested)
        {
            var at = Now;
            var (servedBy, failure) = await ReadOnceAsync(client);
            var kind = "read";
            // A replica killed after its answer had begun leaves that answer cut: nginx cannot send it again elsewhere
            // (it has started it), so the reader gets no answer at all, as a browser would. Squadra.Client tries a read
            // without an answer again 500 ms later (RetryRules); so does this reader, once, and only the second failure counts.
            if (failure == nameof(HttpRequestException) && !_stop.IsCancellationRequested)
            {
                await Task.Delay(500);
                (servedBy, failure) = await ReadOnceAsync(client);
                kind = RetriedRead;
            }
            Record(new Sample(at, Now - at, kind, servedBy, failure));
            await Task.Delay(20);
        }
    }

    private async Task<(string? ServedBy, string? Failure)> ReadOnceAsync(HttpClient client)
    {
        try
        {
            using var request = Api.Authorized(HttpMethod.Get, $"/api/teams/{_scene.Team.Id}/messages?after=0&limit=1", _scene.Member.AccessToken);
            using var response = await client.SendAsync(request);
            return (Api.ServedBy(response), response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, e.GetType().Name);
        }
    }

    private async Task WriteLoopAsync(bool retry)
    {
        using var client = Api.Client(_gateway, TimeSpan.FromSeconds(15));
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sequence);
            var key = Guid.NewGuid().ToString();
            while (true)
            {
                var at = Now;
                var (message, servedBy, failure) = await Api.TryPostMessageAsync(client, _scene, $"{_label} {n}", key);
                var kind = "write";
                // As a read's: an answer cut by a kill is asked for again, once, with the same key (Squadra.Client does),
                // which answers the first post if it was committed.
                if (!retry && failure == nameof(HttpRequestException) && !_stop.IsCancellationRequested)
                {
                    await Task.Delay(500);
                    (message, servedBy, failure) = await Api.TryPostMessageAsync(client, _scene, $"{_label} {n}", key);
                    kind = RetriedWrite;
                }
                Record(new Sample(at, Now - at, kind, servedBy, failure));
                if (message is not null)
                {
                    _scene.Acknowledged.Add(message);
                    lock (_acks)
                    {
                        _acks.Add(new Ack(Now, message));
                    }
                    break;
                }
                // A write given up (no retry, or the test is over) may still have been committed: not counted as acknowledged.
                if (!retry || _stop.IsCancellationRequested)
                {
                    break;
                }
                await Task.Delay(100);
            }
            await Task.Delay(retry ? 50 : 100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }
}
