using Squadra.Contracts.Notifications;

namespace Squadra.Client.Notifications;

/// <summary>
/// The user's notifications as merged from any source (history pages, catch-ups, live pushes) in any order:
/// each seq once, the newest kept for display, the unread counted. <see cref="Contiguous"/> is the cursor to
/// catch up from: every seq up to it has been merged, so asking <c>after=Contiguous</c> fills any hole.
/// No I/O and no hub here, so the merge rules are tested on their own.
/// </summary>
public sealed class NotificationFeed(int capacity = NotificationFeed.DefaultCapacity)
{
    public const int DefaultCapacity = 100;

    readonly SortedDictionary<long, NotificationDto> _recent = [];
    readonly SortedSet<long> _ahead = [];
    readonly HashSet<long> _unread = [];

    /// <summary>Every seq up to this one has been merged.</summary>
    public long Contiguous { get; private set; }

    public long Highest => _ahead.Count > 0 ? _ahead.Max : Contiguous;

    /// <summary>A seq above <see cref="Contiguous"/> arrived before one below it: time to catch up.</summary>
    public bool HasHole => _ahead.Count > 0;

    public int UnreadCount => _unread.Count;

    /// <summary>Newest first, at most the capacity.</summary>
    public IReadOnlyList<NotificationDto> Recent => [.. _recent.Values.Reverse()];

    /// <summary>Adds a notification; false when its seq was merged before.</summary>
    public bool Merge(NotificationDto notification)
    {
        var seq = notification.Seq;
        if (seq <= Contiguous || !_ahead.Add(seq))
            return ReplaceDiscarded(notification);

        Advance();

        if (notification.ReadAt is null)
            _unread.Add(seq);

        _recent[seq] = notification;
        if (_recent.Count > capacity)
            _recent.Remove(_recent.Keys.First());
        return true;
    }

    /// <summary>
    /// Starts the feed above <paramref name="floor"/>: what lies at or below it is history the user did not ask for
    /// (the newest page was read instead of the whole history), so it is not a hole to fill.
    /// </summary>
    public void SkipTo(long floor)
    {
        if (floor <= Contiguous)
            return;

        Contiguous = floor;
        _ahead.RemoveWhere(seq => seq <= floor);
        Advance();
    }

    // Another notification at a held seq: the held one was a commit that a database failover discarded, and the
    // server's later word about the seq wins.
    bool ReplaceDiscarded(NotificationDto notification)
    {
        if (!_recent.TryGetValue(notification.Seq, out var held)
            || (held.Type == notification.Type && held.CreatedAt == notification.CreatedAt))
            return false;

        _recent[notification.Seq] = notification;
        if (notification.ReadAt is null)
            _unread.Add(notification.Seq);
        else
            _unread.Remove(notification.Seq);
        return true;
    }

    /// <summary>What the server does on POST /api/notifications/read: everything up to the seq is read.</summary>
    public void MarkRead(long upToSeq, DateTimeOffset at)
    {
        _unread.RemoveWhere(seq => seq <= upToSeq);
        foreach (var (seq, notification) in _recent.Where(pair => pair.Key <= upToSeq && pair.Value.ReadAt is null).ToList())
            _recent[seq] = notification with { ReadAt = at };
    }

    /// <summary>The notifications held that <paramref name="which"/> picks are read; how many were unread.</summary>
    public int MarkRead(Func<NotificationDto, bool> which, DateTimeOffset at)
    {
        var read = _recent.Where(pair => pair.Value.ReadAt is null && which(pair.Value)).ToList();
        foreach (var (seq, notification) in read)
        {
            _recent[seq] = notification with { ReadAt = at };
            _unread.Remove(seq);
        }
        return read.Count;
    }

    void Advance()
    {
        while (_ahead.Count > 0 && _ahead.Min == Contiguous + 1)
        {
            Contiguous = _ahead.Min;
            _ahead.Remove(Contiguous);
        }
    }
}
