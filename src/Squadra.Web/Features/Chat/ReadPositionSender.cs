using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Web.Features.Accounts;

namespace Squadra.Web.Features.Chat;

/// <summary>
/// Tells the server how far the user has read a chat (<see cref="ApiClient.MarkReadAsync"/>), at most once per
/// <see cref="Interval"/> per chat: a chat read message by message as they arrive would otherwise ask once per
/// message. A seq that comes within the interval waits for its end, and only the highest one waiting is sent.
/// </summary>
public sealed class ReadPositionSender(ApiClient api, TimeProvider clock) : IUserScoped
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    readonly Lock _lock = new();
    Dictionary<string, ChatPosition> _chats = [];

    /// <summary>The user has now read <paramref name="chat"/> up to <paramref name="seq"/>; lower than what was sent: nothing.</summary>
    public void Send(ChatKey chat, long seq)
    {
        ChatPosition position;
        lock (_lock)
        {
            if (!_chats.TryGetValue(chat.Id, out position!))
                _chats[chat.Id] = position = new ChatPosition(chat);
            if (seq <= Math.Max(position.Sent, position.Waiting))
                return;
            position.Waiting = seq;
            if (position.Timer is not null)
                return;

            var wait = position.SentAt + Interval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                position.Timer = clock.CreateTimer(_ => Flush(position), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Flush(position);
    }

    void Flush(ChatPosition position)
    {
        long seq;
        lock (_lock)
        {
            position.Timer?.Dispose();
            position.Timer = null;
            // Reset since: that user's positions are gone with them.
            if (_chats.GetValueOrDefault(position.Chat.Id) != position || position.Waiting <= position.Sent)
                return;
            (seq, position.Sent, position.SentAt) = (position.Waiting, position.Waiting, clock.GetUtcNow());
        }

        // Idempotent, and retried by the client while the backend is briefly away; a later, higher seq repairs a loss.
        _ = api.MarkReadAsync(position.Chat, seq);
    }

    public void Reset(string? userId)
    {
        lock (_lock)
        {
            foreach (var position in _chats.Values)
                position.Timer?.Dispose();
            _chats = [];
        }
    }

    sealed class ChatPosition(ChatKey chat)
    {
        public ChatKey Chat { get; } = chat;

        public long Sent { get; set; }

        public long Waiting { get; set; }

        public DateTimeOffset SentAt { get; set; } = DateTimeOffset.MinValue;

        public ITimer? Timer { get; set; }
    }
}
