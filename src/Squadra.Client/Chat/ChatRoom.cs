using Squadra.Contracts.Chat;

namespace Squadra.Client.Chat;

/// <summary>
/// One open team chat: the <see cref="ChatLog"/> fed by the API and the hub. Loads the newest page, older pages on
/// demand, and catches up with <c>after=</c> whenever a push leaves a hole or the connection comes back, and with
/// <c>changedAfter=</c> (<see cref="ChangeWatermark"/>) when the connection comes back; sends the
/// user's messages with an Idempotency-Key each, so "try again" never posts twice. The browser app opens it through its ChatRooms,
/// which routes the hub's pushes to it and asks it to catch up after a reconnect. The user's own writes are in
/// ChatRoom.Writing.cs.
/// </summary>
public sealed partial class ChatRoom
{
    public const int PageSize = ChatRules.DefaultPageSize;
    public const int CatchUpPageSize = ChatRules.MaxPageSize;

    readonly ApiClient _api;
    readonly TimeProvider _clock;
    readonly ChatLog _log;
    readonly Lock _lock = new();
    readonly Reloader _catchUps;
    readonly Reloader _changeCatchUps;
    readonly ChangeWatermark _changes = new();
    Task? _loading;
    bool _catchUpWanted;
    bool _closed;

    public ChatRoom(ChatKey key, string myUserId, ApiClient api, TimeProvider clock)
    {
        (Key, _api, _clock) = (key, api, clock);
        _log = new ChatLog(myUserId);
        _catchUps = new Reloader(CatchUpOnceAsync);
        _changeCatchUps = new Reloader(CatchUpChangesOnceAsync);
    }

    /// <summary>Whose chat: a team's or a DM's.</summary>
    public ChatKey Key { get; }

    /// <summary>Anything shown changed: a message, a pending one, the loading state.</summary>
    public event Action? Changed;

    /// <summary>
    /// Every message the room hears of (pushed, caught up, answered to the user's own writes), held or not: an open
    /// thread (<see cref="ChatThread"/>) takes its root and replies from here, the root's updates included when the
    /// root is older than the history shown.
    /// </summary>
    public event Action<MessageDto>? Heard;

    /// <summary>Why the newest page or an older one could not be read; null once one is in.</summary>
    public ApiProblem? Problem { get; private set; }

    public bool IsLoadingOlder { get; private set; }

    public bool IsLoaded => Read(log => log.IsLoaded);

    public bool HasOlder => Read(log => log.HasOlder);

    /// <summary>The newest seq shown: what the user has now seen.</summary>
    public long Contiguous => Read(log => log.Contiguous);

    public IReadOnlyList<MessageDto> Messages => Read(log => log.Messages);

    public IReadOnlyList<PendingMessage> Pending => Read(log => log.Pending);

    /// <summary>Reads the newest page, once; again only after a failure.</summary>
    public Task LoadAsync()
    {
        lock (_lock)
            return _loading ??= LoadNewestAsync();
    }

    async Task LoadNewestAsync()
    {
        var page = await _api.GetNewestMessagesAsync(Key, PageSize);
        bool catchUp;
        lock (_lock)
        {
            if (!page.IsSuccess)
            {
                Problem = page.Problem;
                _loading = null;
                catchUp = false;
            }
            else
            {
                Problem = null;
                _log.LoadNewest(page.Value);
                _changes.Answered(page.Value);
                catchUp = _catchUpWanted || _log.HasHole;
                _catchUpWanted = false;
            }
        }

        Changed?.Invoke();
        // The connection came (back) while the page was on its way: what was committed in between comes now.
        if (catchUp)
            await CatchUpAsync();
    }

    public async Task LoadOlderAsync()
    {
        long before;
        lock (_lock)
        {
            if (!_log.IsLoaded || !_log.HasOlder || IsLoadingOlder || _closed)
                return;
            IsLoadingOlder = true;
            before = _log.Oldest;
        }

        Changed?.Invoke();
        try
        {
            var page = await _api.GetMessagesBeforeAsync(Key, before, PageSize);
            lock (_lock)
            {
                Problem = page.Problem;
                if (page.IsSuccess)
                    _log.LoadOlder(page.Value);
            }
        }
        finally
        {
            IsLoadingOlder = false;
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// Reads everything after the last seq shown, page by page. Asked again while it runs, it runs once more after;
    /// before the first page is in, it waits for that page.
    /// </summary>
    public Task CatchUpAsync()
    {
        lock (_lock)
        {
            if (_log.IsLoaded)
                return _catchUps.RequestAsync();

            _catchUpWanted = true;
            return _loading ??= LoadNewestAsync();
        }
    }

    async Task CatchUpOnceAsync()
    {
        while (!_closed)
        {
            long after;
            lock (_lock)
                after = _log.Contiguous;

            // A failure is left for the next push or reconnect to retry.
            var page = await _api.GetMessagesAfterAsync(Key, after, CatchUpPageSize);
            if (!page.IsSuccess)
                return;

            lock (_lock)
            {
                foreach (var message in page.Value)
                    _log.Merge(message);
            }

            foreach (var message in page.Value)
                Heard?.Invoke(message);
            Changed?.Invoke();
            if (page.Value.Count < CatchUpPageSize)
                return;
        }
    }

    /// <summary>
    /// After a reconnect: reads every message changed since the last confirmed change (edits, deletions and reactions
    /// made while the connection was down, and new messages too), page by page. Not loaded yet: the newest page will do.
    /// </summary>
    public Task CatchUpChangesAsync()
    {
        lock (_lock)
            return _log.IsLoaded ? _changeCatchUps.RequestAsync() : Task.CompletedTask;
    }

    async Task CatchUpChangesOnceAsync()
    {
        while (!_closed)
        {
            long changedAfter;
            lock (_lock)
                changedAfter = _changes.Confirmed;

            var page = await _api.GetMessagesChangedAfterAsync(Key, changedAfter, CatchUpPageSize);
            if (!page.IsSuccess)
                return;

            bool hole;
            lock (_lock)
            {
                foreach (var message in page.Value)
                    _log.Merge(message);
                _changes.Answered(page.Value);
                hole = _log.HasHole;
            }

            // Heard too: an open thread takes its replies' edits, and the pins their changes, made while away.
            foreach (var message in page.Value)
                Heard?.Invoke(message);
            Changed?.Invoke();
            if (hole)
                _ = CatchUpAsync();
            if (page.Value.Count < CatchUpPageSize)
                return;
        }
    }

    /// <summary>A pushed message, new or updated. One past a hole brings the catch-up that fills it.</summary>
    public void Receive(MessageDto message)
    {
        bool changed, hole;
        lock (_lock)
        {
            _changes.Pushed(message.ChangeSeq, _clock.GetUtcNow());
            changed = _log.Merge(message);
            hole = _log.HasHole;
        }

        Heard?.Invoke(message);
        if (changed)
            Changed?.Invoke();
        if (hole)
            _ = CatchUpAsync();
    }

    /// <summary>Nobody shows the room any more: running catch-ups stop after their page.</summary>
    public void Close() => _closed = true;

    T Read<T>(Func<ChatLog, T> read)
    {
        lock (_lock)
            return read(_log);
    }
}
