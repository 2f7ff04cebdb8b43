using Squadra.Client;
using Squadra.Client.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Notifications;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.Notifications;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.DirectMessages;

/// <summary>
/// The signed-in user's direct messages, the most recent activity first, shared by the sidebar, the Teams page and
/// the DM page. Kept live: a pushed message raises its DM to the top; a message of a DM not listed (one someone else
/// just opened) reloads the list, so the new DM appears without a refresh.
/// </summary>
public sealed class MyDms : IUserScoped, IDisposable
{
    readonly ApiClient _api;
    readonly NotificationCenter _notifications;
    readonly IRealtimeConnection _realtime;
    readonly KnownNames _names;
    readonly Reloader _reloader;
    string? _userId;

    public MyDms(ApiClient api, NotificationCenter notifications, IRealtimeConnection realtime, KnownNames names)
    {
        (_api, _notifications, _realtime, _names) = (api, notifications, realtime, names);
        _reloader = new Reloader(LoadAsync);
        notifications.Arrived += OnNotification;
        realtime.MessageReceived += OnMessageAsync;
        realtime.Connected += OnConnectedAsync;
    }

    /// <summary>Null until the first answer.</summary>
    public IReadOnlyList<DmDto>? Dms { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public event Action? Changed;

    public Task EnsureLoadedAsync() => Dms is null ? RefreshAsync() : Task.CompletedTask;

    public Task RefreshAsync() => _reloader.RequestAsync();

    public DmDto? Find(string dmId) => Dms?.FirstOrDefault(d => d.Id == dmId);

    /// <summary>A DM just opened or read: listed at once, before any reload.</summary>
    public void Put(DmDto dm)
    {
        _names.Learn(dm);
        if (Dms is null)
            return;

        Dms = Sorted(Dms.Where(d => d.Id != dm.Id).Append(dm));
        Changed?.Invoke();
    }

    /// <summary>Opens (or finds) the DM with these people, listing it at once; the caller goes there.</summary>
    public async Task<ApiResult<DmDto>> OpenAsync(IReadOnlyList<string> userIds, ActionKey key)
    {
        // Keyed by the people, not the request's list, so a retry of the same choice reuses the key.
        var result = await _api.OpenDmAsync(new CreateDmRequest(userIds), key.For(string.Join(',', userIds)));
        key.Settle(result);
        if (result.IsSuccess)
            Put(result.Value);
        return result;
    }

    async Task LoadAsync()
    {
        var userId = _userId;
        if (userId is null)
            return;

        var result = await _api.GetDmsAsync();
        if (userId != _userId)
            return;

        if (result.IsSuccess)
        {
            Dms = Sorted(result.Value);
            foreach (var dm in result.Value)
                _names.Learn(dm);
        }

        Problem = result.Problem;
        Changed?.Invoke();
    }

    Task OnMessageAsync(MessageDto message)
    {
        Saw(message);
        return Task.CompletedTask;
    }

    // Every DM message also comes as a notification: the one way to hear of a DM before its chat was ever opened here.
    void OnNotification(NotificationDto notification)
    {
        if (notification.Type == NotificationTypes.DmMessage && NotificationData.Read<DmMessageData>(notification)?.Message is { } message)
            Saw(message);
    }

    void Saw(MessageDto message)
    {
        if (message.DmId is not { } dmId || Dms is null)
            return;

        if (Find(dmId) is not { } dm)
        {
            _ = RefreshAsync();
            return;
        }

        if (message.Seq <= dm.LastMessageSeq)
            return;

        Dms = Sorted(Dms.Select(d => d.Id != dmId ? d : d with
        {
            LastMessageSeq = message.Seq,
            LastActivityAt = message.CreatedAt > d.LastActivityAt ? message.CreatedAt : d.LastActivityAt,
        }));
        Changed?.Invoke();
    }

    // Pushes missed while the connection was down: the list's newest seqs and order catch up.
    Task OnConnectedAsync() => Dms is null ? Task.CompletedTask : RefreshAsync();

    static List<DmDto> Sorted(IEnumerable<DmDto> dms) =>
        [.. dms.OrderByDescending(d => d.LastActivityAt).ThenBy(d => d.Id, StringComparer.Ordinal)];

    public void Reset(string? userId)
    {
        _userId = userId;
        Dms = null;
        Problem = null;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _notifications.Arrived -= OnNotification;
        _realtime.MessageReceived -= OnMessageAsync;
        _realtime.Connected -= OnConnectedAsync;
    }
}
