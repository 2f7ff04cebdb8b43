using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Realtime;

namespace Squadra.E2E.Infrastructure;

/// <summary>
/// A chat client that behaves like the browser app's: connects through the gateway, reconnects by
/// itself, and after every (re)connect calls Ready() and catches up with after=; live messages and
/// caught-up ones are merged by seq, and a live message past a hole fetches the hole.
/// </summary>
public sealed class ChatSubscriber : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly HttpClient _http;
    private readonly string _teamId;
    private readonly SortedDictionary<long, MessageDto> _messages = [];
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly object _gate = new();

    private ChatSubscriber(Uri gateway, string token, string teamId)
    {
        _teamId = teamId;
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, RealtimeMethods.HubPath), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .WithAutomaticReconnect(new ForeverRetryPolicy())
            .Build();
        _connection.On<MessageDto>(RealtimeMethods.Message, OnMessageAsync);
        _connection.Reconnected += async _ =>
        {
            Reconnections++;
            await SubscribeAndCatchUpAsync();
        };
    }

    public int Reconnections { get; private set; }

    public int LiveDeliveries { get; private set; }

    public IReadOnlyList<MessageDto> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages.Values];
            }
        }
    }

    public static async Task<ChatSubscriber> ConnectAsync(Uri gateway, string token, string teamId)
    {
        var subscriber = new ChatSubscriber(gateway, token, teamId);
        await subscriber._connection.StartAsync();
        await subscriber.SubscribeAndCatchUpAsync();
        return subscriber;
    }

    private async Task SubscribeAndCatchUpAsync()
    {
        await _connection.InvokeAsync(RealtimeMethods.Ready);
        await CatchUpAsync();
    }

    private async Task OnMessageAsync(MessageDto message)
    {
        bool hole;
        lock (_gate)
        {
            LiveDeliveries++;
            hole = message.Seq > LastContiguousSeq() + 1;
            _messages[message.Seq] = message;
        }
        if (hole)
        {
            await CatchUpAsync();
        }
    }

    private async Task CatchUpAsync()
    {
        await _catchUp.WaitAsync();
        try
        {
            while (true)
            {
                long after;
                lock (_gate)
                {
                    after = LastContiguousSeq();
                }
                var page = await ReadPageAsync(after);
                lock (_gate)
                {
                    foreach (var message in page)
                    {
                        _messages[message.Seq] = message;
                    }
                }
                if (page.Count == 0 || LastContiguousSeqLocked() <= after)
                {
                    return;
                }
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    private async Task<List<MessageDto>> ReadPageAsync(long after)
    {
        // The gateway may briefly have no healthy replica while one restarts: retry like the browser does.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await _http.GetFromJsonAsync<List<MessageDto>>($"/api/teams/{_teamId}/messages?after={after}&limit=200"))!;
            }
            catch (HttpRequestException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private long LastContiguousSeqLocked()
    {
        lock (_gate)
        {
            return LastContiguousSeq();
        }
    }

    private long LastContiguousSeq()
    {
        long last = 0;
        while (_messages.ContainsKey(last + 1))
        {
            last++;
        }
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _http.Dispose();
        _catchUp.Dispose();
    }

    private sealed class ForeverRetryPolicy : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            TimeSpan.FromMilliseconds(Math.Min(2000, 250 * (retryContext.PreviousRetryCount + 1)));
    }
}
