using Squadra.Client;
using Squadra.Client.Notifications;
using Squadra.Client.Realtime;
using Squadra.Contracts.Notifications;

namespace Squadra.Web.Services;

/// <summary>
/// The signed-in user's notifications: the newest page through REST, new ones pushed by the hub, merged by seq so
/// that nothing shows twice and nothing is missed. Owns the session's realtime connection: started at sign-in or
/// restore, stopped at sign-out. After every (re)connect it asks <c>after=</c> the last seq it holds without a gap.
/// </summary>
public sealed class NotificationCenter(ApiClient api, AuthSession session, IRealtimeConnection realtime, KnownNames names, TimeProvider clock)
    : IDisposable
{
    /// <summary>A catch-up's page: everything after the cursor is news, so it is read to the end.</summary>
    public const int PageSize = 200;

    /// <summary>What is read at start: the newest notifications, as many as are kept.</summary>
    public const int NewestPageSize = NotificationFeed.DefaultCapacity;

    // History older than this, before the session started, is not "news": pages loaded after it anyway.
    static readonly TimeSpan s_newsWindow = TimeSpan.FromMinutes(5);

    readonly SemaphoreSlim _catchUp = new(1, 1);
    readonly Lock _lock = new();
    NotificationFeed _feed = new();
    string? _userId;
    int _generation;
    bool _started;
    bool _historyLoaded;
    long _unreadAtStart;
    long _olderUnread;
    DateTimeOffset _newsSince;

    /// <summary>The list or the count changed.</summary>
    public event Action? Changed;

    /// <summary>A notification seen for the first time that may change what a page shows (a member joined, ...).</summary>
    public event Action<NotificationDto>? Arrived;

    public IReadOnlyList<NotificationDto> Recent
    {
        get
        {
            lock (_lock)
                return _feed.Recent;
        }
    }

    /// <summary>
    /// The server's count until the newest page is in; then the feed's own, which every merge keeps exact, plus the
    /// unread ones older than that page, which the feed never holds.
    /// </summary>
    public long UnreadCount
    {
        get
        {
            lock (_lock)
                return _historyLoaded ? _olderUnread + _feed.UnreadCount : Math.Max(_unreadAtStart, _feed.UnreadCount);
        }
    }

    /// <summary>True once the newest page is in: until then an empty list means "not known yet".</summary>
    public bool IsLoaded
    {
        get
        {
            lock (_lock)
                return _historyLoaded;
        }
    }

    public RealtimeState ConnectionState => realtime.State;

    /// <summary>Called once at start-up; from then on follows the session.</summary>
    public void Start()
    {
        if (_started)
            return;

        _started = true;
        session.Changed += OnSessionChanged;
        realtime.Connected += CatchUpAsync;
        realtime.NotificationReceived += OnPushedAsync;
        realtime.StateChanged += OnConnectionStateChanged;
        OnSessionChanged();
    }

    public async Task MarkAllReadAsync()
    {
        long upTo;
        lock (_lock)
            upTo = _feed.Highest;
        if (upTo == 0 || !(await api.MarkNotificationsReadAsync(upTo)).IsSuccess)
            return;

        lock (_lock)
        {
            _feed.MarkRead(upTo, clock.GetUtcNow());
            _unreadAtStart = 0;
            _olderUnread = 0;
        }

        Changed?.Invoke();
    }

    void OnSessionChanged()
    {
        var userId = session.User?.Id;
        if (userId == _userId)
            return;

        _userId = userId;
        lock (_lock)
        {
            _generation++;
            _feed = new();
            _historyLoaded = false;
            _unreadAtStart = 0;
            _olderUnread = 0;
            _newsSince = clock.GetUtcNow() - s_newsWindow;
        }

        names.Forget();
        Changed?.Invoke();
        _ = userId is null ? realtime.StopAsync() : BeginAsync();
    }

    async Task BeginAsync()
    {
        await realtime.StartAsync();
        await CatchUpAsync();
    }

    /// <summary>
    /// The first time, reads the newest page; after that, every notification after the contiguous cursor, page by
    /// page. One at a time.
    /// </summary>
    async Task CatchUpAsync()
    {
        var generation = _generation;
        await _catchUp.WaitAsync();
        try
        {
            bool loaded;
            lock (_lock)
                loaded = _historyLoaded;
            if (!loaded)
            {
                await LoadNewestAsync(generation);
                return;
            }

            while (generation == _generation)
            {
                long after;
                lock (_lock)
                    after = _feed.Contiguous;

                var page = await api.GetNotificationsAsync(after, PageSize);
                if (!page.IsSuccess || generation != _generation)
                    return;

                Merge(page.Value, generation);
                if (page.Value.Count < PageSize)
                    break;
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>
    /// The count first, then the page: what is unread and older than the page is the count minus the page's unread
    /// (never below 0; one arriving between the two answers can only make it smaller, and "mark all read" resets it).
    /// </summary>
    async Task LoadNewestAsync(int generation)
    {
        var unread = await api.GetUnreadCountAsync();
        if (unread.IsSuccess && generation == _generation)
        {
            lock (_lock)
                _unreadAtStart = unread.Value.Count;
            Changed?.Invoke();
        }

        var page = await api.GetNotificationsAsync(after: null, NewestPageSize);
        if (!page.IsSuccess || generation != _generation)
            return;

        lock (_lock)
        {
            if (generation != _generation)
                return;
            if (page.Value.Count > 0)
                _feed.SkipTo(page.Value[0].Seq - 1);
        }

        Merge(page.Value, generation);
        lock (_lock)
        {
            if (generation != _generation)
                return;
            _olderUnread = Math.Max(0, _unreadAtStart - page.Value.Count(n => n.ReadAt is null));
            _historyLoaded = true;
        }

        Changed?.Invoke();
    }

    async Task OnPushedAsync(NotificationDto notification)
    {
        Merge([notification], _generation);
        bool hole;
        lock (_lock)
            hole = _feed.HasHole;
        if (hole)
            await CatchUpAsync();
    }

    void Merge(IEnumerable<NotificationDto> notifications, int generation)
    {
        var news = new List<NotificationDto>();
        lock (_lock)
        {
            if (generation != _generation)
                return;

            foreach (var notification in notifications)
            {
                if (!_feed.Merge(notification))
                    continue;
                names.Learn(notification);
                if (notification.CreatedAt >= _newsSince)
                    news.Add(notification);
            }
        }

        if (news.Count == 0)
            return;

        Changed?.Invoke();
        foreach (var notification in news)
            Arrived?.Invoke(notification);
    }

    void OnConnectionStateChanged() => Changed?.Invoke();

    public void Dispose()
    {
        session.Changed -= OnSessionChanged;
        realtime.Connected -= CatchUpAsync;
        realtime.NotificationReceived -= OnPushedAsync;
        realtime.StateChanged -= OnConnectionStateChanged;
        _catchUp.Dispose();
    }
}
