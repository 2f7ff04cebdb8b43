using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Web.Features.Accounts;

namespace Squadra.Web.Features.Chat;

/// <summary>
/// The chats open on screen, each shared by whoever shows it. Routes the hub's message pushes to them, and after
/// every (re)connect has each one ask <c>after=</c> its last seq and <c>changedAfter=</c> its last confirmed change, so
/// nothing committed while the connection was down is missed, edits and reactions included. Forgets them all when the
/// user changes.
/// </summary>
public sealed class ChatRooms : IUserScoped, IDisposable
{
    readonly ApiClient _api;
    readonly IRealtimeConnection _realtime;
    readonly TimeProvider _clock;
    readonly Dictionary<string, (ChatRoom Room, int Users)> _open = [];
    readonly Lock _lock = new();
    string? _userId;

    public ChatRooms(ApiClient api, IRealtimeConnection realtime, TimeProvider clock)
    {
        (_api, _realtime, _clock) = (api, realtime, clock);
        realtime.MessageReceived += OnPushAsync;
        realtime.MessageUpdated += OnPushAsync;
        realtime.Connected += OnConnectedAsync;
    }

    /// <summary>The team's or DM's room, loading its newest page the first time. Give it back with <see cref="Release"/>.</summary>
    public ChatRoom Open(ChatKey key)
    {
        ChatRoom room;
        lock (_lock)
        {
            if (_open.TryGetValue(key.Id, out var open))
            {
                _open[key.Id] = (open.Room, open.Users + 1);
                return open.Room;
            }

            room = new ChatRoom(key, _userId ?? "", _api, _clock);
            _open[key.Id] = (room, 1);
        }

        _ = room.LoadAsync();
        return room;
    }

    public void Release(ChatRoom room)
    {
        lock (_lock)
        {
            if (!_open.TryGetValue(room.Key.Id, out var open) || open.Room != room)
                return;

            if (open.Users > 1)
            {
                _open[room.Key.Id] = (room, open.Users - 1);
                return;
            }

            _open.Remove(room.Key.Id);
        }

        room.Close();
    }

    Task OnPushAsync(MessageDto message)
    {
        ChatRoom? room;
        lock (_lock)
            room = _open.GetValueOrDefault(message.ConversationId).Room;
        room?.Receive(message);
        return Task.CompletedTask;
    }

    Task OnConnectedAsync()
    {
        List<ChatRoom> rooms;
        lock (_lock)
            rooms = [.. _open.Values.Select(open => open.Room)];
        return Task.WhenAll(rooms.SelectMany(room => new[] { room.CatchUpAsync(), room.CatchUpChangesAsync() }));
    }

    public void Reset(string? userId)
    {
        List<ChatRoom> closed;
        lock (_lock)
        {
            _userId = userId;
            closed = [.. _open.Values.Select(open => open.Room)];
            _open.Clear();
        }

        foreach (var room in closed)
            room.Close();
    }

    public void Dispose()
    {
        _realtime.MessageReceived -= OnPushAsync;
        _realtime.MessageUpdated -= OnPushAsync;
        _realtime.Connected -= OnConnectedAsync;
    }
}
