using Microsoft.Extensions.Logging.Abstractions;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;

namespace Squadra.E2E.Infrastructure;

/// <summary>
/// The browser app's chat without the browser: Squadra.Client's <see cref="RealtimeClient"/> and <see cref="ChatRoom"/>
/// wired as the app's ChatRooms wires them, through the gateway: pushes go to the room (one past a hole fetches the
/// hole), and after every (re)connect the room catches up with after= and changedAfter=.
/// </summary>
public sealed class ChatSubscriber : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly RealtimeClient _realtime;
    private readonly ChatRoom _room;
    private int _connections;

    private ChatSubscriber(Uri gateway, LoginResponse reader, string teamId)
    {
        var session = new FixedToken(reader.AccessToken);
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };
        _room = new ChatRoom(ChatKey.Team(teamId), reader.User.Id, new ApiClient(_http, session, TimeProvider.System), TimeProvider.System);
        _realtime = new RealtimeClient(gateway, session, TimeProvider.System, NullLogger<RealtimeClient>.Instance);
        _realtime.MessageReceived += Receive;
        _realtime.MessageUpdated += Receive;
        _realtime.Connected += () =>
        {
            Interlocked.Increment(ref _connections);
            return Task.WhenAll(_room.CatchUpAsync(), _room.CatchUpChangesAsync());
        };
    }

    /// <summary>How often the connection came back after the first connect.</summary>
    public int Reconnections => Math.Max(0, Volatile.Read(ref _connections) - 1);

    /// <summary>What the room shows: every seq once, in order, no holes.</summary>
    public IReadOnlyList<MessageDto> Messages => _room.Messages;

    public static async Task<ChatSubscriber> ConnectAsync(Uri gateway, LoginResponse reader, string teamId)
    {
        var subscriber = new ChatSubscriber(gateway, reader, teamId);
        await subscriber._room.LoadAsync();
        await subscriber._realtime.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (subscriber._realtime.State != RealtimeState.Connected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the subscriber did not connect within 20 s");
            }
            await Task.Delay(20);
        }
        return subscriber;
    }

    private Task Receive(MessageDto message)
    {
        _room.Receive(message);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _room.Close();
        await _realtime.DisposeAsync();
        _http.Dispose();
    }
}
