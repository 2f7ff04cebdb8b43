using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Squadra.Contracts.Realtime;

namespace Squadra.Bench;

/// <summary>One hub connection to open: which URL (replica or bare hub), as whom, in which team.</summary>
internal sealed record ClientSpec(string Key, Uri Url, string? Token, string TeamId, string? UserId = null);

/// <summary>What one measured point receives; a message sent in an earlier point is counted as stray, not as latency.</summary>
internal sealed class Phase(int id)
{
    public readonly LatencyHistogram Latency = new();
    public long Delivered;
    public long Stray;
    public long TypingReceived;
    public long PresenceReceived;

    /// <summary>From a user's latest typing signal sent (<see cref="TypingSentAt"/>) to each <c>typing</c> push of theirs received.</summary>
    public readonly LatencyHistogram TypingLatency = new();

    /// <summary>When each user last sent a typing signal (a Stopwatch timestamp), by user id.</summary>
    public readonly ConcurrentDictionary<string, long> TypingSentAt = new();

    public int Id => id;
}

/// <summary>The part of a pushed MessageDto the bench reads (the JSON protocol binds these fields, ignores the rest).</summary>
internal sealed record BenchMessage(string TeamId, long Seq, string Body);

/// <summary>The part of a pushed typing signal the bench reads: who typed (<c>users</c>, or <c>user</c> from a server that names one).</summary>
internal sealed record BenchTyping(BenchTypist? User, IReadOnlyList<BenchTypist>? Users)
{
    public IEnumerable<BenchTypist> Typists => Users ?? (User is null ? [] : [User]);
}

internal sealed record BenchTypist(string Id);

/// <summary>
/// The simulated members' hub connections, in this process (<see cref="LeanHubClient"/>): WebSockets without
/// negotiation, JSON protocol, "Ready" after connecting, as the browser app does; one task pings them all. A received message's body carries its send timestamp
/// (same process, same monotonic clock), so end-to-end latency is receive time minus send time.
/// </summary>
internal sealed class HubFleet : IAsyncDisposable
{
    public const string BodyPrefix = "bench ";

    // The server drops a connection it has not heard from in 30 s (ClientTimeoutInterval).
    private static readonly TimeSpan s_pingInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, LeanHubClient> _clients = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pinging;
    private Phase _phase = new(0);
    private long _disconnects;
    private long _connectFailures;

    public HubFleet() => _pinging = PingLoopAsync(_stopping.Token);

    public int Count => _clients.Count;

    public long Disconnects => Interlocked.Read(ref _disconnects);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public Phase Phase
    {
        get => Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, value);
    }

    /// <summary>The open connections, in a stable order (by key): who types in a point with signals.</summary>
    public IReadOnlyList<LeanHubClient> Snapshot() => [.. _clients.Values.OrderBy(c => c.Spec.Key, StringComparer.Ordinal)];

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
            var client = new LeanHubClient(spec, OnMessage, OnLost, OnSignal);
            try
            {
                await client.StartAsync(token);
                _clients[spec.Key] = client;
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or HubException or WebSocketException)
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

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _pinging;
        await CloseAllAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    private async Task PingLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(s_pingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await Parallel.ForEachAsync(_clients.Values, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (client, token) =>
                {
                    try
                    {
                        await client.PingAsync(token);
                    }
                    catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
                    {
                        // Closed meanwhile, or lost: its receive loop counts a lost connection. One failed ping must
                        // not end the loop: every other connection would be dropped by the server 30 s later.
                    }
                });
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private void OnLost(Exception reason)
    {
        if (Interlocked.Increment(ref _disconnects) <= 3)
        {
            Console.WriteLine($"  ! hub connection lost: {reason.GetType().Name}: {reason.Message}");
        }
    }

    private void OnSignal(string method, BenchTyping? typing)
    {
        var phase = Phase;
        if (method == RealtimeMethods.Typing && typing is not null)
        {
            Interlocked.Increment(ref phase.TypingReceived);
            // A user's connections type about once a second together, a push takes milliseconds: the latest send is its cause.
            foreach (var typist in typing.Typists)
            {
                if (phase.TypingSentAt.TryGetValue(typist.Id, out var sentAt))
                {
                    phase.TypingLatency.RecordSince(sentAt);
                }
            }
        }
        else
        {
            Interlocked.Increment(ref phase.PresenceReceived);
        }
    }

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
}
