using Squadra.Client;
using Squadra.Client.Realtime;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Web.Features.Accounts;

namespace Squadra.Web.Features.NotificationPreferences;

/// <summary>
/// Whether the user paused notifications (Do Not Disturb), and until when: the bell shows it and offers to pause or
/// resume. Read with the preferences when first asked, again after every reconnect (a push missed while the connection
/// was down), kept in step with the user's other devices by <c>notificationsPaused</c> pushes, and over by itself at its
/// end (a timer on the clock, so the bell changes back without a reload).
/// </summary>
public sealed class NotificationPause : IUserScoped, IDisposable
{
    readonly ApiClient _api;
    readonly IRealtimeConnection _realtime;
    readonly TimeProvider _clock;
    readonly Reloader _reloader;
    DateTimeOffset? _until;
    ITimer? _end;
    bool _loaded;
    string? _userId;

    public NotificationPause(ApiClient api, IRealtimeConnection realtime, TimeProvider clock)
    {
        (_api, _realtime, _clock) = (api, realtime, clock);
        _reloader = new Reloader(LoadAsync);
        realtime.NotificationsPaused += OnPushAsync;
        realtime.Connected += OnConnectedAsync;
    }

    /// <summary>Paused or resumed, here or on another device, or the pause ended.</summary>
    public event Action? Changed;

    /// <summary>When the pause ends; null when notifications are not paused.</summary>
    public DateTimeOffset? Until => _until > _clock.GetUtcNow() ? _until : null;

    public Task EnsureLoadedAsync() => !_loaded && _userId is not null ? _reloader.RequestAsync() : Task.CompletedTask;

    /// <summary>Pauses until <paramref name="until"/>, or with null resumes; the problem when the server refused.</summary>
    public async Task<ApiProblem?> SetAsync(DateTimeOffset? until)
    {
        var result = await _api.PauseNotificationsAsync(until);
        if (!result.IsSuccess)
            return result.Problem;

        Apply(until);
        return null;
    }

    async Task LoadAsync()
    {
        var userId = _userId;
        if (userId is null)
            return;

        var result = await _api.GetNotificationPreferencesAsync();
        if (userId != _userId || !result.IsSuccess)
            return;

        _loaded = true;
        Apply(result.Value.PausedUntil);
    }

    // A timer waits at most this long (the runtime's limit is ~49 days; a pause may last a year): then it looks again.
    static readonly TimeSpan s_longestWait = TimeSpan.FromDays(20);

    void Apply(DateTimeOffset? until)
    {
        _until = until;
        _end?.Dispose();
        _end = Until is { } end
            ? _clock.CreateTimer(_ => Apply(_until), null, Min(end - _clock.GetUtcNow(), s_longestWait), Timeout.InfiniteTimeSpan)
            : null;
        Changed?.Invoke();
    }

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    Task OnPushAsync(NotificationsPausedPush push)
    {
        if (_loaded)
            Apply(push.Until);
        return Task.CompletedTask;
    }

    Task OnConnectedAsync() => _loaded ? _reloader.RequestAsync() : Task.CompletedTask;

    public void Reset(string? userId)
    {
        _userId = userId;
        _loaded = false;
        _until = null;
        _end?.Dispose();
        _end = null;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _realtime.NotificationsPaused -= OnPushAsync;
        _realtime.Connected -= OnConnectedAsync;
        _end?.Dispose();
    }
}
