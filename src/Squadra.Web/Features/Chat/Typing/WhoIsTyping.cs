using Squadra.Client.Realtime;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Typing;
using Squadra.Web.Features.Accounts;

namespace Squadra.Web.Features.Chat.Typing;

/// <summary>
/// Who is typing in each of the user's chats, from the hub's <c>typing</c> pushes (each may name several typists):
/// someone counts as typing until <see cref="ShownFor"/> after their last push, or until a message of theirs arrives
/// in that chat (what they typed).
/// </summary>
public sealed class WhoIsTyping : IUserScoped, IDisposable
{
    /// <summary>A typist repeats the push at most every 2 s while typing; this long after the last one, they stopped.</summary>
    public static readonly TimeSpan ShownFor = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A push this soon after the typist's message is taken for one sent before it: the signal and the message take
    /// different ways (the hub, and the post through any replica) and may arrive in either order. Without this, a
    /// late signal put "is typing…" back for 5 s under the message just sent.
    /// </summary>
    public static readonly TimeSpan LateAfterMessage = TimeSpan.FromSeconds(1.5);

    readonly IRealtimeConnection _realtime;
    readonly TimeProvider _clock;
    readonly Lock _lock = new();
    // Per chat id, per user id: who, and the timer that ends it. In the order they started typing.
    Dictionary<string, List<Typist>> _chats = [];
    // When each (chat id, user id) last had a message arrive.
    Dictionary<(string ChatId, string UserId), DateTimeOffset> _lastMessageAt = [];

    public WhoIsTyping(IRealtimeConnection realtime, TimeProvider clock)
    {
        (_realtime, _clock) = (realtime, clock);
        realtime.TypingReceived += OnTypingAsync;
        realtime.MessageReceived += OnMessageAsync;
    }

    /// <summary>The chat's typists changed (its id).</summary>
    public event Action<string>? Changed;

    public IReadOnlyList<UserDto> In(string chatId)
    {
        lock (_lock)
            return _chats.TryGetValue(chatId, out var typists) ? [.. typists.Select(t => t.User)] : [];
    }

    Task OnTypingAsync(TypingPush push)
    {
        if ((push.DmId ?? push.TeamId) is not { } chatId)
            return Task.CompletedTask;

        lock (_lock)
        {
            foreach (var user in push.Typists)
                Start(chatId, user);
        }

        Changed?.Invoke(chatId);
        return Task.CompletedTask;
    }

    // Under the lock.
    void Start(string chatId, UserDto user)
    {
        if (_lastMessageAt.TryGetValue((chatId, user.Id), out var messageAt) && _clock.GetUtcNow() - messageAt < LateAfterMessage)
            return;
        if (!_chats.TryGetValue(chatId, out var typists))
            _chats[chatId] = typists = [];
        var typist = typists.Find(t => t.User.Id == user.Id);
        if (typist is null)
            typists.Add(typist = new Typist(user));
        typist.User = user;
        typist.Timer?.Dispose();
        typist.Timer = _clock.CreateTimer(_ => Remove(chatId, typist), null, ShownFor, Timeout.InfiniteTimeSpan);
    }

    Task OnMessageAsync(MessageDto message)
    {
        Typist? typist;
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            // Only the last moments count: a long session's busy chats do not pile entries up.
            if (_lastMessageAt.Count > 500)
                _lastMessageAt = _lastMessageAt.Where(e => now - e.Value < LateAfterMessage).ToDictionary();
            _lastMessageAt[(message.ConversationId, message.Author.Id)] = now;
            typist = _chats.GetValueOrDefault(message.ConversationId)?.Find(t => t.User.Id == message.Author.Id);
        }
        if (typist is not null)
            Remove(message.ConversationId, typist);
        return Task.CompletedTask;
    }

    void Remove(string chatId, Typist typist)
    {
        lock (_lock)
        {
            typist.Timer?.Dispose();
            if (!_chats.TryGetValue(chatId, out var typists) || !typists.Remove(typist))
                return;
            if (typists.Count == 0)
                _chats.Remove(chatId);
        }

        Changed?.Invoke(chatId);
    }

    public void Reset(string? userId)
    {
        lock (_lock)
        {
            foreach (var typist in _chats.Values.SelectMany(t => t))
                typist.Timer?.Dispose();
            _chats = [];
            _lastMessageAt = [];
        }
    }

    public void Dispose()
    {
        _realtime.TypingReceived -= OnTypingAsync;
        _realtime.MessageReceived -= OnMessageAsync;
        Reset(null);
    }

    sealed class Typist(UserDto user)
    {
        public UserDto User { get; set; } = user;

        public ITimer? Timer { get; set; }
    }
}
