using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Saved;
using Squadra.Web.Features.Accounts;

namespace Squadra.Web.Features.Saved;

/// <summary>
/// Which messages the user saved, by id: what marks them in the chats and turns a message's "Save" into "Remove from
/// saved". Read once per sign-in when first asked, again after every reconnect (a push missed while the connection was
/// down), and kept in step with the user's other devices by <c>messageSaved</c> pushes, which also tell of reminders
/// (<see cref="ReminderChanged"/>). The list itself, with the messages and their reminders, is the Saved page's
/// (<see cref="SavedPage"/>).
/// </summary>
public sealed class SavedMessages : IUserScoped, IDisposable
{
    readonly ApiClient _api;
    readonly IRealtimeConnection _realtime;
    readonly Reloader _reloader;
    HashSet<string>? _ids;
    string? _userId;

    public SavedMessages(ApiClient api, IRealtimeConnection realtime)
    {
        (_api, _realtime) = (api, realtime);
        _reloader = new Reloader(LoadAsync);
        realtime.MessageSaved += OnPushAsync;
        realtime.Connected += OnConnectedAsync;
    }

    /// <summary>A message was saved or unsaved, here or on another device, or the ids were read again.</summary>
    public event Action? Changed;

    /// <summary>A saved message's reminder was set, moved or removed (here or on another device), or went off: its id and when it now goes off.</summary>
    public event Action<string, DateTimeOffset?>? ReminderChanged;

    /// <summary>The ids are in: until then nothing shows as saved, and no push is applied.</summary>
    public bool IsLoaded => _ids is not null;

    /// <summary>False until the ids are in (then nothing shows as saved yet).</summary>
    public bool IsSaved(string messageId) => _ids?.Contains(messageId) == true;

    public Task EnsureLoadedAsync() => _ids is null && _userId is not null ? _reloader.RequestAsync() : Task.CompletedTask;

    /// <summary>Saves or unsaves the message on the server, then here; the problem when the server refused.</summary>
    public async Task<ApiProblem?> SetAsync(MessageDto message, bool saved)
    {
        var result = await _api.SaveMessageAsync(ChatKey.Of(message), message.Id, saved);
        if (!result.IsSuccess)
            return result.Problem;

        Apply(message.Id, saved);
        return null;
    }

    /// <summary>Sets (or with null removes) the reminder of a saved message on the server, then here; the problem when the server refused.</summary>
    public async Task<ApiProblem?> SetReminderAsync(string messageId, DateTimeOffset? remindAt)
    {
        var result = await _api.SetReminderAsync(messageId, remindAt);
        if (!result.IsSuccess)
            return result.Problem;

        ReminderChanged?.Invoke(messageId, remindAt);
        return null;
    }

    /// <summary>Saves the message if it is not saved yet, then sets its reminder; the problem when the server refused either.</summary>
    public async Task<ApiProblem?> RemindAsync(MessageDto message, DateTimeOffset remindAt) =>
        (IsSaved(message.Id) ? null : await SetAsync(message, saved: true)) ?? await SetReminderAsync(message.Id, remindAt);

    async Task LoadAsync()
    {
        var userId = _userId;
        if (userId is null)
            return;

        var result = await _api.SavedMessageIdsAsync();
        if (userId != _userId || !result.IsSuccess)
            return;

        _ids = [.. result.Value];
        Changed?.Invoke();
    }

    void Apply(string messageId, bool saved)
    {
        if (_ids is null)
            return;
        var changed = saved ? _ids.Add(messageId) : _ids.Remove(messageId);
        if (changed)
            Changed?.Invoke();
    }

    Task OnPushAsync(MessageSavedPush push)
    {
        Apply(push.MessageId, push.Saved);
        if (push.Saved)
            ReminderChanged?.Invoke(push.MessageId, push.RemindAt);
        return Task.CompletedTask;
    }

    Task OnConnectedAsync() => _ids is null ? Task.CompletedTask : _reloader.RequestAsync();

    public void Reset(string? userId)
    {
        _userId = userId;
        _ids = null;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _realtime.MessageSaved -= OnPushAsync;
        _realtime.Connected -= OnConnectedAsync;
    }
}
