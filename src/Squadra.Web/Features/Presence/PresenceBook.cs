using Squadra.Client;
using Squadra.Client.Realtime;
using Squadra.Contracts.Presence;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.DirectMessages;

namespace Squadra.Web.Features.Presence;

/// <summary>
/// Who is online, of the people the pages show (a team's members, and always the people of the user's DMs, which the
/// sidebar shows), and whether they paused their notifications: asked once per person when first shown
/// (<see cref="WatchAsync"/>), then kept by the hub's <c>presence</c> and <c>memberPaused</c> pushes; asked again for
/// everyone after each (re)connect, since pushes sent while the connection was down are lost.
/// </summary>
public sealed class PresenceBook : IUserScoped, IDisposable
{
    // A team can be large; a few hundred ids per ask keeps the address short.
    const int IdsPerAsk = 100;

    readonly ApiClient _api;
    readonly IRealtimeConnection _realtime;
    readonly MyDms _dms;
    readonly TimeProvider _clock;
    readonly Lock _lock = new();
    HashSet<string> _watched = [];
    Dictionary<string, PresenceDto> _known = [];
    // Until when each person paused their notifications, of those who did (GET /api/presence, then memberPaused).
    Dictionary<string, DateTimeOffset> _paused = [];
    int _generation;
    string? _userId;

    public PresenceBook(ApiClient api, IRealtimeConnection realtime, MyDms dms, TimeProvider clock)
    {
        (_api, _realtime, _dms, _clock) = (api, realtime, dms, clock);
        realtime.PresenceChanged += OnPresenceAsync;
        realtime.MemberPaused += OnMemberPausedAsync;
        realtime.Connected += OnConnectedAsync;
        dms.Changed += OnDmsChanged;
    }

    public event Action? Changed;

    /// <summary>Null while not known (not asked yet, or someone the server does not tell the user about).</summary>
    public PresenceDto? Of(string userId)
    {
        lock (_lock)
            return _known.GetValueOrDefault(userId);
    }

    /// <summary>While they paused their notifications (they will see things later), when the pause ends; null otherwise or while not known.</summary>
    public DateTimeOffset? PausedUntil(string userId)
    {
        lock (_lock)
            return _paused.TryGetValue(userId, out var until) && until > _clock.GetUtcNow() ? until : null;
    }

    /// <summary>These people are on screen: asks about those not asked about yet.</summary>
    public Task WatchAsync(IEnumerable<string> userIds)
    {
        List<string> added;
        lock (_lock)
            added = [.. userIds.Distinct().Where(_watched.Add)];
        return AskAsync(added);
    }

    async Task AskAsync(IReadOnlyList<string> userIds)
    {
        int generation;
        lock (_lock)
            generation = _generation;

        foreach (var chunk in userIds.Chunk(IdsPerAsk))
        {
            var answer = await _api.GetPresenceAsync(chunk);
            if (!answer.IsSuccess)
            {
                // Asked again on the next connect (or never: the dots are a hint).
                continue;
            }

            lock (_lock)
            {
                if (generation != _generation)
                    return;
                foreach (var presence in answer.Value)
                {
                    _known[presence.UserId] = presence;
                    SetPaused(presence.UserId, presence.PausedUntil);
                }
            }

            Changed?.Invoke();
        }
    }

    void OnDmsChanged()
    {
        if (_dms.Dms is { } dms)
            _ = WatchAsync(dms.SelectMany(dm => dm.Members).Select(u => u.Id).Where(id => id != _userId));
    }

    Task OnPresenceAsync(PresenceDto presence)
    {
        lock (_lock)
            _known[presence.UserId] = presence;
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    Task OnMemberPausedAsync(MemberPausedPush push)
    {
        lock (_lock)
            SetPaused(push.UserId, push.Until);
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    // Under the lock.
    void SetPaused(string userId, DateTimeOffset? until)
    {
        if (until is { } end)
            _paused[userId] = end;
        else
            _paused.Remove(userId);
    }

    Task OnConnectedAsync()
    {
        List<string> watched;
        lock (_lock)
            watched = [.. _watched];
        return watched.Count == 0 ? Task.CompletedTask : AskAsync(watched);
    }

    public void Reset(string? userId)
    {
        lock (_lock)
        {
            _generation++;
            _userId = userId;
            _watched = [];
            _known = [];
            _paused = [];
        }

        Changed?.Invoke();
    }

    public void Dispose()
    {
        _realtime.PresenceChanged -= OnPresenceAsync;
        _realtime.MemberPaused -= OnMemberPausedAsync;
        _realtime.Connected -= OnConnectedAsync;
        _dms.Changed -= OnDmsChanged;
    }
}
