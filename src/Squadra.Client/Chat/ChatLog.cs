using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;

namespace Squadra.Client.Chat;

/// <summary>A message of the user's own that the server has not confirmed yet. <see cref="Error"/> is set when sending failed.</summary>
public sealed record PendingMessage(string Key, string Body, DateTimeOffset SentAt, long AfterSeq, string? Error = null)
{
    /// <summary>The files sent with it (uploaded already): shown while it is pending, and posted again by their ids on a retry.</summary>
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = [];

    public IReadOnlyList<string>? AttachmentIds => Attachments.Count == 0 ? null : [.. Attachments.Select(a => a.Id)];

    /// <summary>The poll it asks, posted again as it was on a retry; null for any other message.</summary>
    public PollRequest? Poll { get; init; }

    /// <summary>The push of a message stands for this pending one: the same text and the same files in the same order.</summary>
    public bool IsSentAs(MessageDto message) =>
        Body == message.Body && Attachments.Select(a => a.Id).SequenceEqual(message.Attachments.Select(a => a.Id));
}

/// <summary>
/// One team's chat as merged from any source (the newest page, older pages, catch-ups, pushes, the answers to the
/// user's own writes) in any order: each seq once, in seq order, with no holes shown. It holds the block
/// (<c>floor</c>, <see cref="Contiguous"/>] without a gap; a seq past it waits until the hole before it is filled,
/// and asking <c>after=Contiguous</c> fills it. The user's own messages wait in <see cref="Pending"/> until their seq
/// is known, from the POST's answer or the push, whichever comes first. No I/O here, so the rules are tested on their own.
/// </summary>
public sealed class ChatLog(string myUserId)
{
    readonly SortedDictionary<long, MessageDto> _messages = [];
    readonly List<PendingMessage> _pending = [];
    long? _floor;

    /// <summary>The newest page is in: until then nothing is shown, since where the history starts is not known.</summary>
    public bool IsLoaded => _floor is not null;

    /// <summary>Every seq from the oldest shown up to this one is held.</summary>
    public long Contiguous { get; private set; }

    /// <summary>The oldest seq shown; older pages are asked for <c>before=</c> it.</summary>
    public long Oldest => (_floor ?? 0) + 1;

    /// <summary>There are messages older than the oldest shown.</summary>
    public bool HasOlder => _floor > 0;

    /// <summary>A seq past <see cref="Contiguous"/> arrived: time to catch up.</summary>
    public bool HasHole => IsLoaded && _messages.Count > 0 && _messages.Keys.Last() > Contiguous;

    /// <summary>What is shown: oldest first, no holes.</summary>
    public IReadOnlyList<MessageDto> Messages =>
        IsLoaded ? [.. _messages.Values.Where(m => m.Seq > _floor && m.Seq <= Contiguous)] : [];

    /// <summary>The user's unconfirmed messages, in the order they were sent; shown after <see cref="Messages"/>.</summary>
    public IReadOnlyList<PendingMessage> Pending => [.. _pending];

    /// <summary>The first answer: the newest page (maybe empty). What was pushed meanwhile is kept when it is newer.</summary>
    public void LoadNewest(IReadOnlyList<MessageDto> page)
    {
        if (IsLoaded)
        {
            foreach (var message in page)
                Merge(message);
            return;
        }

        var floor = page.Count > 0 ? page.Min(m => m.Seq) - 1 : 0;
        _floor = floor;
        Contiguous = floor;
        foreach (var seq in _messages.Keys.Where(seq => seq <= floor).ToList())
            _messages.Remove(seq);
        foreach (var message in page)
            Merge(message);
        Advance();
    }

    /// <summary>A page asked <c>before=</c><see cref="Oldest"/>: the block grows downwards. An empty page means the start.</summary>
    public void LoadOlder(IReadOnlyList<MessageDto> page)
    {
        if (_floor is not { } floor)
            return;

        if (page.Count == 0)
        {
            _floor = 0;
            return;
        }

        // Seqs have no gaps, so a page that ends right below the block joins it; anything else is a stale answer.
        if (page.Max(m => m.Seq) != floor)
            return;

        foreach (var message in page)
            Put(message);
        _floor = page.Min(m => m.Seq) - 1;
    }

    /// <summary>
    /// Adds a message, or a newer state of one already held (edited, deleted); false when nothing changed. A message
    /// older than what is shown is ignored: it is out of view, and an older page brings its current state.
    /// </summary>
    public bool Merge(MessageDto message)
    {
        if (message.Seq <= _floor)
            return false;

        if (!Put(message))
            return false;

        ConfirmByPush(message);
        Advance();
        return true;
    }

    /// <summary>Keeps a message about to be sent, so it is shown at once.</summary>
    public PendingMessage AddPending(string key, string body, DateTimeOffset at, IReadOnlyList<AttachmentDto>? attachments = null, PollRequest? poll = null)
    {
        var highest = _messages.Count > 0 ? Math.Max(_messages.Keys.Last(), Contiguous) : Contiguous;
        var pending = new PendingMessage(key, body, at, highest) { Attachments = attachments ?? [], Poll = poll };
        _pending.Add(pending);
        return pending;
    }

    /// <summary>The POST answered: the message has its seq now. A no-op for the pending part when the push came first.</summary>
    public void Confirm(string key, MessageDto message)
    {
        _pending.RemoveAll(p => p.Key == key);
        Merge(message);
    }

    public void Fail(string key, string error) => Replace(key, p => p with { Error = error });

    public void Retrying(string key) => Replace(key, p => p with { Error = null });

    public void Discard(string key) => _pending.RemoveAll(p => p.Key == key);

    bool Put(MessageDto message)
    {
        if (_messages.TryGetValue(message.Seq, out var held) && !IsNewer(message, held))
            return false;

        _messages[message.Seq] = message;
        return true;
    }

    // Another message at a held seq means the held one was a commit that a database failover discarded: the server's
    // later word wins. Otherwise a deletion is final, and the later change (edit, reaction: a higher revision) wins,
    // whatever order answers and pushes came in.
    static bool IsNewer(MessageDto incoming, MessageDto held) =>
        incoming.Id != held.Id
        || (!held.Deleted && (incoming.Deleted || incoming.Revision > held.Revision
            || (incoming.EditedAt ?? DateTimeOffset.MinValue) > (held.EditedAt ?? DateTimeOffset.MinValue)));

    // The push of one's own message can come before the POST's answer, or instead of it (the answer was lost). It carries
    // no key, so it stands for the oldest pending message with the same text (and files) sent before it could have been
    // written (a seq above what was held then).
    void ConfirmByPush(MessageDto message)
    {
        // A reply stands for a pending reply of the thread's own (ChatThread), never for a message of the timeline.
        if (message.Author.Id != myUserId || message.Deleted || message.EditedAt is not null || message.ThreadRootId is not null)
            return;

        var index = _pending.FindIndex(p => p.IsSentAs(message) && message.Seq > p.AfterSeq);
        if (index >= 0)
            _pending.RemoveAt(index);
    }

    void Replace(string key, Func<PendingMessage, PendingMessage> change)
    {
        var index = _pending.FindIndex(p => p.Key == key);
        if (index >= 0)
            _pending[index] = change(_pending[index]);
    }

    void Advance()
    {
        if (!IsLoaded)
            return;

        while (_messages.ContainsKey(Contiguous + 1))
            Contiguous++;
    }
}
