using Squadra.Contracts.Chat;

namespace Squadra.Client.Chat;

/// <summary>
/// One open chat's pinned messages, the most recently pinned first: read once, then kept current from every message
/// its <see cref="ChatRoom"/> hears (pushes, catch-ups after a reconnect, the answers to the user's own writes), since a
/// pin or an unpin is a change of the message like an edit.
/// </summary>
public sealed class ChatPins : IDisposable
{
    readonly ChatRoom _room;
    readonly ApiClient _api;
    readonly Lock _lock = new();
    // By message id; null until the first answer. Messages heard before it are kept and win over an older answer.
    Dictionary<string, MessageDto>? _pinned;
    readonly Dictionary<string, MessageDto> _heardEarly = [];

    public ChatPins(ChatRoom room, ApiClient api)
    {
        (_room, _api) = (room, api);
        room.Heard += OnHeard;
    }

    public event Action? Changed;

    /// <summary>The pinned messages, the most recently pinned first; empty until read.</summary>
    public IReadOnlyList<MessageDto> Messages
    {
        get
        {
            lock (_lock)
                return _pinned is null ? [] : [.. _pinned.Values.OrderByDescending(m => m.PinnedAt).ThenByDescending(m => m.Seq)];
        }
    }

    public ApiProblem? Problem { get; private set; }

    public async Task LoadAsync()
    {
        var answer = await _api.GetPinnedMessagesAsync(_room.Key);
        lock (_lock)
        {
            Problem = answer.Problem;
            if (!answer.IsSuccess)
                return;
            _pinned = answer.Value.ToDictionary(m => m.Id);
            foreach (var heard in _heardEarly.Values)
                Merge(_pinned, heard);
            _heardEarly.Clear();
        }
        Changed?.Invoke();
    }

    void OnHeard(MessageDto message)
    {
        lock (_lock)
        {
            if (_pinned is null)
            {
                _heardEarly[message.Id] = message;
                return;
            }
            if (!Merge(_pinned, message))
                return;
        }
        Changed?.Invoke();
    }

    // The later word about a message wins: a push and an answer may cross.
    static bool Merge(Dictionary<string, MessageDto> pinned, MessageDto message)
    {
        var held = pinned.GetValueOrDefault(message.Id);
        if (held is not null && held.Revision > message.Revision)
            return false;
        if (message.PinnedAt is not null)
        {
            pinned[message.Id] = message;
            return held != message;
        }
        return pinned.Remove(message.Id);
    }

    public void Dispose() => _room.Heard -= OnHeard;
}
