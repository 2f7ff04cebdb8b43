namespace Squadra.Api.Realtime;

/// <summary>
/// Holds a kind of push to one per <c>window</c> per key (a chat, say): the first change after a quiet window goes out
/// at once, the changes that come within the window after a push go out together when it ends, each subject (a user)
/// once, its latest change. For signals whose pushes would otherwise outnumber the messages (typing, presence: issue 19
/// item 4), at the cost of up to one window of delay for all but the first.
/// </summary>
internal sealed class PushWindows<TKey, TChange>(
    TimeSpan window,
    Func<TChange, Guid> subjectOf,
    Func<IReadOnlyList<TChange>, Task> sendLater,
    TimeProvider clock)
    where TKey : notnull
{
    // Keys whose last push is older than the window need no entry; they are pruned past this many.
    private const int PruneAbove = 1_024;

    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, KeyWindow> _keys = [];

    /// <summary>The changes to push now, or null when they wait for the key's window to end (then sent by <c>sendLater</c>).</summary>
    public IReadOnlyList<TChange>? Offer(TKey key, IReadOnlyList<TChange> changes)
    {
        if (changes.Count == 0)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (!_keys.TryGetValue(key, out var entry))
            {
                Prune(now);
                _keys[key] = new KeyWindow { PushedAt = now };
                return changes;
            }
            if (entry.Waiting is null)
            {
                var wait = entry.PushedAt + window - now;
                if (wait <= TimeSpan.Zero)
                {
                    entry.PushedAt = now;
                    return changes;
                }
                entry.Waiting = [];
                entry.Timer = clock.CreateTimer(_ => Flush(key), null, wait, Timeout.InfiniteTimeSpan);
            }
            foreach (var change in changes)
            {
                // A subject's later change replaces its earlier one.
                var subject = subjectOf(change);
                entry.Waiting.RemoveAll(c => subjectOf(c) == subject);
                entry.Waiting.Add(change);
            }
            return null;
        }
    }

    private void Flush(TKey key)
    {
        List<TChange> changes;
        lock (_lock)
        {
            if (!_keys.TryGetValue(key, out var entry) || entry.Waiting is null)
            {
                return;
            }
            (changes, entry.Waiting) = (entry.Waiting, null);
            entry.Timer?.Dispose();
            entry.Timer = null;
            entry.PushedAt = clock.GetUtcNow();
        }
        _ = sendLater(changes);
    }

    private void Prune(DateTimeOffset now)
    {
        if (_keys.Count < PruneAbove)
        {
            return;
        }
        foreach (var key in _keys.Where(k => k.Value.Waiting is null && now - k.Value.PushedAt >= window).Select(k => k.Key).ToList())
        {
            _keys.Remove(key);
        }
    }

    private sealed class KeyWindow
    {
        public DateTimeOffset PushedAt;
        public List<TChange>? Waiting;
        // Held here so that the timer is not collected before it fires.
        public ITimer? Timer;
    }
}
