using Microsoft.Extensions.Logging.Abstractions;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;

namespace Squadra.E2E.Infrastructure;

/// <summary>
/// The browser app's chat without the browser: Squadra.Client's <see cref="RealtimeClient"/> and one <see cref="ChatRoom"/>
/// per chat (a team's, a DM's) wired as the app's ChatRooms wires them, through the gateway: pushes go to their chat's
/// room (one past a hole fetches the hole), and after every (re)connect each room catches up with after= and changedAfter=.
/// </summary>
public sealed class ChatSubscriber : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly RealtimeClient _realtime;
    private readonly Dictionary<string, ChatRoom> _rooms;
    private int _connections;

    private ChatSubscriber(Uri gateway, LoginResponse reader, IReadOnlyList<ChatKey> chats)
    {
        var session = new FixedToken(reader.AccessToken);
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };
        var api = new ApiClient(_http, session, TimeProvider.System);
        _rooms = chats.ToDictionary(chat => chat.Id, chat => new ChatRoom(chat, reader.User.Id, api, TimeProvider.System));
        _realtime = new RealtimeClient(gateway, session, TimeProvider.System, NullLogger<RealtimeClient>.Instance);
        _realtime.MessageReceived += Receive;
        _realtime.MessageUpdated += Receive;
        _realtime.Connected += () =>
        {
            Interlocked.Increment(ref _connections);
            return Task.WhenAll(_rooms.Values.SelectMany(room => new[] { room.CatchUpAsync(), room.CatchUpChangesAsync() }));
        };
    }

    /// <summary>How often the connection came back after the first connect.</summary>
    public int Reconnections => Math.Max(0, Volatile.Read(ref _connections) - 1);

    /// <summary>What the first chat's room shows: every seq once, in order, no holes.</summary>
    public IReadOnlyList<MessageDto> Messages => _rooms.Values.First().Messages;

    /// <summary>What the room of <paramref name="chat"/> shows.</summary>
    public IReadOnlyList<MessageDto> MessagesOf(ChatKey chat) => _rooms[chat.Id].Messages;

    public static async Task<ChatSubscriber> ConnectAsync(Uri gateway, LoginResponse reader, params ChatKey[] chats)
    {
        var subscriber = new ChatSubscriber(gateway, reader, chats);
        await Task.WhenAll(subscriber._rooms.Values.Select(room => room.LoadAsync()));
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
        _rooms.GetValueOrDefault(message.ConversationId)?.Receive(message);
        return Task.CompletedTask;
    }

    /// <summary>Says the reader is typing in <paramref name="chat"/>, as the app's composer does.</summary>
    public Task TypingAsync(ChatKey chat) => _realtime.SendTypingAsync(chat);

    public async ValueTask DisposeAsync()
    {
        foreach (var room in _rooms.Values)
        {
            room.Close();
        }
        await _realtime.DisposeAsync();
        _http.Dispose();
    }
}
