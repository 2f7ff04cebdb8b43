using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Realtime;

namespace Squadra.Bench;

/// <summary>One hub connection to open: which URL (replica or bare hub), as whom, in which team.</summary>
internal sealed record ClientSpec(string Key, Uri Url, string? Token, string TeamId);

/// <summary>What one measured point receives; a message sent in an earlier point is counted as stray, not as latency.</summary>
internal sealed class Phase(int id)
{
    public readonly LatencyHistogram Latency = new();
    public long Delivered;
    public long Stray;

    public int Id => id;
}

/// <summary>The part of a pushed MessageDto the bench reads (the JSON protocol binds these fields, ignores the rest).</summary>
internal sealed record BenchMessage(string TeamId, long Seq, string Body);

/// <summary>
/// The simulated members' hub connections, in this process: WebSockets without negotiation, JSON protocol,
/// "Ready" after connecting, as the browser app does. A received message's body carries its send timestamp
/// (same process, same monotonic clock), so end-to-end latency is receive time minus send time.
/// </summary>
internal sealed class HubFleet : IAsyncDisposable
{
    public const string BodyPrefix = "bench ";

    private readonly ConcurrentDictionary<string, Client> _clients = new();
    private Phase _phase = new(0);
    private long _disconnects;
    private long _connectFailures;

    public int Count => _clients.Count;

    public long Disconnects => Interlocked.Read(ref _disconnects);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public Phase Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    public IReadOnlyDictionary<string, int> GroupSizes() =>
        _clients.Values.GroupBy(c => c.Spec.TeamId).ToDictionary(g => g.Key, g => g.Count());

    public static string Body(int phaseId, long timestamp, int padTo)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{BodyPrefix}{phaseId} {timestamp} ");
        return head.Length >= padTo ? head : head + new string('x', padTo - head.Length);
    }

    /// <summary>Opens what is missing and closes what is not wanted, <paramref name="parallel"/> at a time; returns the seconds it took.</summary>
    public async Task<double> ReconcileAsync(IReadOnlyList<ClientSpec> wanted, int parallel, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var keys = wanted.Select(w => w.Key).ToHashSet();
        var extra = _clients.Keys.Where(k => !keys.Contains(k)).ToList();
        await Parallel.ForEachAsync(extra, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (key, _) =>
        {
            if (_clients.TryRemove(key, out var client))
            {
                await client.DisposeAsync();
            }
        });
        var missing = wanted.Where(w => !_clients.ContainsKey(w.Key)).ToList();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (spec, token) =>
        {
            var client = new Client(spec, this);
            try
            {
                await client.StartAsync(token);
                _clients[spec.Key] = client;
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException or InvalidOperationException or HubException or System.Net.WebSockets.WebSocketException)
            {
                Interlocked.Increment(ref _connectFailures);
                await client.DisposeAsync();
                if (ConnectFailures <= 3)
                {
                    Console.WriteLine($"  ! hub connection to {spec.Url.GetLeftPart(UriPartial.Path)} failed: {e.GetType().Name}: {e.Message}");
                }
            }
        });
        return LatencyHistogram.TicksToMs(Stopwatch.GetTimestamp() - started) / 1000.0;
    }

    public Task CloseAllAsync(CancellationToken ct) => ReconcileAsync([], 64, ct);

    public async ValueTask DisposeAsync() => await CloseAllAsync(CancellationToken.None);

    private void OnMessage(BenchMessage message)
    {
        var now = Stopwatch.GetTimestamp();
        var phase = Phase;
        var body = message.Body.AsSpan();
        if (!body.StartsWith(BodyPrefix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref phase.Stray);
            return;
        }
        body = body[BodyPrefix.Length..];
        var space = body.IndexOf(' ');
        if (space < 0 || !int.TryParse(body[..space], NumberStyles.Integer, CultureInfo.InvariantCulture, out var phaseId) || phaseId != phase.Id)
        {
            Interlocked.Increment(ref phase.Stray);
            return;
        }
        body = body[(space + 1)..];
        space = body.IndexOf(' ');
        if (space < 0 || !long.TryParse(body[..space], NumberStyles.Integer, CultureInfo.InvariantCulture, out var sent))
        {
            Interlocked.Increment(ref phase.Stray);
            return;
        }
        phase.Latency.RecordMicros((now - sent) * 1_000_000 / Stopwatch.Frequency);
        Interlocked.Increment(ref phase.Delivered);
    }

    private sealed class Client : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly HubFleet _fleet;
        private volatile bool _closing;

        public Client(ClientSpec spec, HubFleet fleet)
        {
            Spec = spec;
            _fleet = fleet;
            _connection = new HubConnectionBuilder()
                .WithUrl(spec.Url, options =>
                {
                    if (spec.Token is { } token)
                    {
                        options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    }
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                })
                .Build();
            _connection.On<BenchMessage>(RealtimeMethods.Message, fleet.OnMessage);
            _connection.Closed += _ =>
            {
                if (!_closing)
                {
                    Interlocked.Increment(ref _fleet._disconnects);
                }
                return Task.CompletedTask;
            };
        }

        public ClientSpec Spec { get; }

        public async Task StartAsync(CancellationToken ct)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await _connection.StartAsync(timeout.Token);
            await _connection.InvokeAsync(RealtimeMethods.Ready, timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            _closing = true;
            await _connection.DisposeAsync();
        }
    }
}
