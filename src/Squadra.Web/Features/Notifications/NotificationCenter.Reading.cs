namespace Squadra.Web.Features.Notifications;

// How the notification center reads the API: the newest page first, then after= the contiguous cursor.
public sealed partial class NotificationCenter
{
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

                var page = await _api.GetNotificationsAsync(after, PageSize);
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
        var unread = await _api.GetUnreadCountAsync();
        if (unread.IsSuccess && generation == _generation)
        {
            lock (_lock)
                _unreadAtStart = unread.Value.Count;
            Changed?.Invoke();
        }

        var page = await _api.GetNotificationsAsync(after: null, NewestPageSize);
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
}
