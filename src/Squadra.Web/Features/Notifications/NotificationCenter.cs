using Squadra.Client;
using Squadra.Client.Notifications;
using Squadra.Client.Realtime;
using Squadra.Contracts.Notifications;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.Notifications;

/// <summary>
/// The signed-in user's notifications: the newest page through REST, new ones pushed by the hub, merged by seq so
/// that nothing shows twice and nothing is missed. After every (re)connect it asks <c>after=</c> the last seq it
/// holds without a gap (NotificationCenter.Reading.cs).
/// </summary>
public sealed partial class NotificationCenter : IUserScoped, IDisposable
{
    /// <summary>A catch-up's page: everything after the cursor is news, so it is read to the end.</summary>
    public const int PageSize = 200;

    /// <summary>What is read at start: the newest notifications, as many as are kept.</summary>
    public const int NewestPageSize = NotificationFeed.DefaultCapacity;

    // History older than this, before the session started, is not "news": pages loaded after it anyway.
    static readonly TimeSpan s_newsWindow = TimeSpan.FromMinutes(5);

    readonly ApiClient _api;
    readonly IRealtimeConnection _realtime;
    readonly KnownNames _names;
    readonly TimeProvider _clock;
    readonly SemaphoreSlim _catchUp = new(1, 1);
    readonly Lock _lock = new();
    NotificationFeed _feed = new();
    int _generation;
    bool _historyLoaded;
    long _unreadAtStart;
    long _olderUnread;
    DateTimeOffset _newsSince;
    // The DM of each dm.message seen, by seq: the tab title asks on every render, and reading it means parsing JSON.
    readonly Dictionary<long, string?> _dmOfNotification = [];

    public NotificationCenter(ApiClient api, IRealtimeConnection realtime, KnownNames names, TimeProvider clock)
    {
        (_api, _realtime, _names, _clock) = (api, realtime, names, clock);
        realtime.Connected += CatchUpAsync;
        realtime.NotificationReceived += OnPushedAsync;
        realtime.StateChanged += OnConnectionStateChanged;
    }

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

    /// <summary>
    /// Of <see cref="UnreadCount"/>, the unread <c>dm.message</c> notifications held here (one per DM message): the tab
    /// title counts those messages once, as their DM's unread chat messages, which follow the read state of every device.
    /// Only those of the DMs <paramref name="countedAsChat"/> says (a muted DM counts no chat messages: what reached the
    /// bell of it, a mention, counts as a notification).
    /// </summary>
    public long UnreadDmMessageCount(Func<string, bool> countedAsChat)
    {
        lock (_lock)
            return _feed.Recent.Count(n => n.ReadAt is null && DmOf(n) is { } dmId && countedAsChat(dmId));
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

    public RealtimeState ConnectionState => _realtime.State;

    public async Task MarkAllReadAsync()
    {
        long upTo;
        lock (_lock)
            upTo = _feed.Highest;
        await MarkReadUpToAsync(upTo);
    }

    /// <summary>
    /// Opening a notification reads it (issue 22). The API marks read "every one up to a seq" (api.md), so the older
    /// ones are read with it: the one opened is the one the user went to, and those under it were passed by.
    /// </summary>
    public Task MarkOpenedAsync(NotificationDto notification) =>
        notification.ReadAt is null ? MarkReadUpToAsync(notification.Seq) : Task.CompletedTask;

    /// <summary>
    /// A DM is on screen: its messages' notifications are read, and only they (the others wait for the bell). Asks the
    /// server only when one of them is unread here.
    /// </summary>
    public async Task MarkDmReadAsync(string dmId)
    {
        bool unread;
        lock (_lock)
            unread = _feed.Recent.Any(n => n.ReadAt is null && DmOf(n) == dmId);
        if (!unread || !(await _api.MarkDmNotificationsReadAsync(dmId)).IsSuccess)
            return;

        lock (_lock)
            _feed.MarkRead(n => DmOf(n) == dmId, _clock.GetUtcNow());
        Changed?.Invoke();
    }

    /// <summary>The DM a <c>dm.message</c> notification is of; null for another type. Called under the lock.</summary>
    string? DmOf(NotificationDto notification)
    {
        if (notification.Type != NotificationTypes.DmMessage)
            return null;
        if (!_dmOfNotification.TryGetValue(notification.Seq, out var dmId))
        {
            // A cache, not a record: the feed keeps a bounded page, so this is emptied before it grows far past it.
            if (_dmOfNotification.Count >= 4 * NotificationFeed.DefaultCapacity)
                _dmOfNotification.Clear();
            dmId = NotificationData.Read<DmMessageData>(notification)?.Message?.DmId;
            _dmOfNotification[notification.Seq] = dmId;
        }
        return dmId;
    }

    async Task MarkReadUpToAsync(long upTo)
    {
        if (upTo == 0 || !(await _api.MarkNotificationsReadAsync(upTo)).IsSuccess)
            return;

        lock (_lock)
        {
            _feed.MarkRead(upTo, _clock.GetUtcNow());
            // Those older than the newest page all have a lower seq than any notification the feed holds.
            _olderUnread = 0;
            if (upTo >= _feed.Highest)
                _unreadAtStart = 0;
        }

        Changed?.Invoke();
    }

    public void Reset(string? userId)
    {
        lock (_lock)
        {
            _generation++;
            _feed = new();
            _dmOfNotification.Clear();
            _historyLoaded = false;
            _unreadAtStart = 0;
            _olderUnread = 0;
            _newsSince = _clock.GetUtcNow() - s_newsWindow;
        }

        Changed?.Invoke();
        // Read at once, not only when the hub connects: the bell and the list must not wait for the hub.
        if (userId is not null)
            _ = CatchUpAsync();
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
                _names.Learn(notification);
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
        _realtime.Connected -= CatchUpAsync;
        _realtime.NotificationReceived -= OnPushedAsync;
        _realtime.StateChanged -= OnConnectionStateChanged;
        _catchUp.Dispose();
    }
}
