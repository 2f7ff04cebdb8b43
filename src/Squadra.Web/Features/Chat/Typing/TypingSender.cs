using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Web.Features.Accounts;

namespace Squadra.Web.Features.Chat.Typing;

/// <summary>
/// Says the user is typing in a chat, at most once per <see cref="Interval"/> per chat, whichever composer of it (the
/// chat's, a thread's) is typed in: the server forwards no more than that, so more would only cost the connection.
/// </summary>
public sealed class TypingSender(IRealtimeConnection realtime, TimeProvider clock) : IUserScoped
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    readonly Lock _lock = new();
    Dictionary<string, DateTimeOffset> _sentAt = [];

    /// <summary>The user typed in <paramref name="chat"/>'s composer.</summary>
    public Task TypedAsync(ChatKey chat)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_sentAt.TryGetValue(chat.Id, out var last) && now - last < Interval)
                return Task.CompletedTask;
            _sentAt[chat.Id] = now;
        }

        return realtime.SendTypingAsync(chat);
    }

    public void Reset(string? userId)
    {
        lock (_lock)
            _sentAt = [];
    }
}
