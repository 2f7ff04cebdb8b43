using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Realtime;
using Squadra.Faults.Infrastructure;

namespace Squadra.Faults.Load;

/// <summary>A message as a subscriber holds it, with when it first had it.</summary>
public sealed record HeldMessage(MessageDto Message, TimeSpan ReceivedAt);

/// <summary>
/// A member's live chat client, built like the browser app's (Squadra.Web RealtimeClient and the chat
/// page, and tests/Squadra.E2E ChatSubscriber): WebSockets through the gateway without negotiation,
/// automatic reconnect with the browser's delays (0, 1, 2, then every 5 s, forever), a first start that
/// fails retried as patiently; after every (re)connect it invokes Ready and only then catches up each
/// of its teams and DMs with GET ...messages?after=&lt;last contiguous seq&gt;; pushed and fetched messages are
/// merged by seq, and a push past a hole fetches the hole.
/// </summary>
public sealed class Subscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly HttpClient _http;
    private readonly RequestLog _log;
    private readonly Dictionary<string, SortedDictionary<long, HeldMessage>> _teams;
    private readonly Dictionary<string, Chat> _chats;
    private readonly Dictionary<string, SemaphoreSlim> _catchUps;
    private readonly Dictionary<string, long> _contiguous;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly object _gate = new();
    private readonly List<string> _anomalies = [];
    private readonly List<string> _replacements = [];

    private Subscriber(Uri gateway, Session session, IReadOnlyList<Chat> chats, RequestLog log, int index)
    {
        Index = index;
        _log = log;
        _chats = chats.ToDictionary(c => c.Id);
        var teamIds = chats.Select(c => c.Id).ToList();
        _teams = teamIds.ToDictionary(t => t, _ => new SortedDictionary<long, HeldMessage>());
        _catchUps = teamIds.ToDictionary(t => t, _ => new SemaphoreSlim(1, 1));
        _contiguous = teamIds.ToDictionary(t => t, _ => 0L);
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(15) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, RealtimeMethods.HubPath), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(session.Token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .WithAutomaticReconnect(new BrowserReconnectDelays())
            .Build();
        _connection.On<MessageDto>(RealtimeMethods.Message, OnMessageAsync);
        _connection.On<MessageDto>(RealtimeMethods.MessageUpdated, OnMessageAsync);
        _connection.Reconnecting += _ =>
        {
            Interlocked.Increment(ref _disconnections);
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ => SubscribedAsync();
        // Reached only when automatic reconnect gives up (it never does) or the server refuses: start over, as the browser does.
        _connection.Closed += error =>
        {
            if (!_lifetime.IsCancellationRequested)
            {
                Interlocked.Increment(ref _disconnections);
                _ = KeepConnectingAsync();
            }
            return Task.CompletedTask;
        };
    }

    private int _disconnections;
    private int _liveDeliveries;
    private int _repeatedDeliveries;

    public int Index { get; }

    /// <summary>The ids of its teams and its DM: every one's seqs are checked alike.</summary>
    public IReadOnlyCollection<string> ChatIds => _teams.Keys;

    public int Disconnections => Volatile.Read(ref _disconnections);

    public int LiveDeliveries => Volatile.Read(ref _liveDeliveries);

    /// <summary>Pushes of a seq it already held (harmless: merged by seq), counted for the report.</summary>
    public int RepeatedDeliveries => Volatile.Read(ref _repeatedDeliveries);

    /// <summary>Anything a correct stream never shows: a message of a team it is not in, one seq with two messages.</summary>
    public IReadOnlyList<string> Anomalies
    {
        get
        {
            lock (_gate)
            {
                return [.. _anomalies];
            }
        }
    }

    /// <summary>Seqs whose message was replaced by another (a pushed commit that a database failover discarded).</summary>
    public IReadOnlyList<string> Replacements
    {
        get
        {
            lock (_gate)
            {
                return [.. _replacements];
            }
        }
    }

    public IReadOnlyList<HeldMessage> Held(string teamId)
    {
        lock (_gate)
        {
            return [.. _teams[teamId].Values];
        }
    }

    public static async Task<Subscriber> ConnectAsync(Uri gateway, Session session, IReadOnlyList<Chat> chats, RequestLog log, int index)
    {
        var subscriber = new Subscriber(gateway, session, chats, log, index);
        await subscriber._connection.StartAsync();
        await subscriber.SubscribedAsync();
        return subscriber;
    }

    private async Task KeepConnectingAsync()
    {
        for (var attempt = 1; !_lifetime.IsCancellationRequested; attempt++)
        {
            try
            {
                await _connection.StartAsync(_lifetime.Token);
                await SubscribedAsync();
                return;
            }
            catch (Exception) when (!_lifetime.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(BrowserReconnectDelays.After(attempt), _lifetime.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SubscribedAsync()
    {
        try
        {
            await _connection.InvokeAsync(RealtimeMethods.Ready, _lifetime.Token);
        }
        catch (Exception) when (!_lifetime.IsCancellationRequested)
        {
            // Lost again already: Reconnected brings it back here.
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Task.WhenAll(_teams.Keys.Select(CatchUpAsync));
    }

    private async Task OnMessageAsync(MessageDto message)
    {
        bool hole;
        lock (_gate)
        {
            _liveDeliveries++;
            if (!_teams.TryGetValue(message.ConversationId, out var held))
            {
                _anomalies.Add($"pushed a message of team or DM {message.ConversationId}, which it is not in (seq {message.Seq})");
                return;
            }
            hole = message.Seq > _contiguous[message.ConversationId] + 1;
            Merge(message);
        }
        if (hole)
        {
            await CatchUpAsync(message.ConversationId);
        }
    }

    /// <summary>Must hold _gate.</summary>
    private void Merge(MessageDto message)
    {
        var held = _teams[message.ConversationId];
        if (held.TryGetValue(message.Seq, out var existing))
        {
            _repeatedDeliveries++;
            if (existing.Message.Id != message.Id)
            {
                // As the browser app does: the held one was a commit a failover discarded, the server's later word wins.
                // The final check still requires exactly the committed messages.
                _replacements.Add(string.Create(CultureInfo.InvariantCulture,
                    $"seq {message.Seq} of team {message.ConversationId}: message {existing.Message.Id} replaced by {message.Id}"));
                held[message.Seq] = new HeldMessage(message, _log.Now);
            }
            return;
        }
        held[message.Seq] = new HeldMessage(message, _log.Now);
        var last = _contiguous[message.ConversationId];
        while (held.ContainsKey(last + 1))
        {
            last++;
        }
        _contiguous[message.ConversationId] = last;
    }

    private async Task CatchUpAsync(string teamId)
    {
        var gate = _catchUps[teamId];
        try
        {
            await gate.WaitAsync(_lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                long after;
                lock (_gate)
                {
                    after = _contiguous[teamId];
                }
                var page = await ReadPageAsync(teamId, after);
                lock (_gate)
                {
                    foreach (var message in page)
                    {
                        Merge(message);
                    }
                    if (page.Count < 200)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One page after a seq; retried every 250 ms for as long as it takes (the page is the client's only way to complete).</summary>
    private async Task<List<MessageDto>> ReadPageAsync(string teamId, long after)
    {
        while (true)
        {
            _lifetime.Token.ThrowIfCancellationRequested();
            try
            {
                using var response = await _http.GetAsync($"{_chats[teamId].MessagesPath}?after={after}&limit=200", _lifetime.Token);
                if (response.IsSuccessStatusCode)
                {
                    _log.Succeeded(RequestKind.Read);
                    return (await response.Content.ReadFromJsonAsync<List<MessageDto>>(_lifetime.Token))!;
                }
                _log.Failed(RequestKind.Read, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !_lifetime.IsCancellationRequested)
            {
                _log.Failed(RequestKind.Read, Writer.Describe(e));
            }
            await Task.Delay(250, _lifetime.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        await _connection.DisposeAsync();
        _http.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Squadra.Web's ReconnectDelays: quick retries first, then every five seconds, never giving up.</summary>
    private sealed class BrowserReconnectDelays : IRetryPolicy
    {
        private static readonly TimeSpan[] s_first = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

        public static TimeSpan After(long failedAttempts) => failedAttempts < s_first.Length ? s_first[failedAttempts] : TimeSpan.FromSeconds(5);

        public TimeSpan? NextRetryDelay(RetryContext retryContext) => After(retryContext.PreviousRetryCount);
    }
}
