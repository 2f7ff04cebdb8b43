using System.Globalization;
using Squadra.Client.Chat;
using Squadra.Contracts.Saved;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>
    /// Saves or unsaves a message of <paramref name="chat"/> for the user, on all their devices. Setting a state, not
    /// toggling one, so it is idempotent and tried again when the backend is briefly away.
    /// </summary>
    public Task<ApiResult<object>> SaveMessageAsync(ChatKey chat, string messageId, bool saved, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Put, $"{chat.Path}/messages/{Uri.EscapeDataString(messageId)}/saved", new SaveRequest(saved), signedIn: true, ct, idempotent: true);

    /// <summary>The user's saved messages, the most recently saved first; the page saved before <paramref name="before"/> when given.</summary>
    public Task<ApiResult<List<SavedMessageDto>>> SavedMessagesAsync(DateTimeOffset? before = null, int limit = SavedRules.DefaultLimit, CancellationToken ct = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/saved?limit={limit}");
        if (before is { } instant)
            path += $"&before={Uri.EscapeDataString(instant.ToString("O", CultureInfo.InvariantCulture))}";
        return SendAsync<List<SavedMessageDto>>(HttpMethod.Get, path, body: null, signedIn: true, ct);
    }

    /// <summary>
    /// Reminds the user of a message they saved at <paramref name="remindAt"/> (a <c>message.reminder</c> notification),
    /// or with null removes its reminder. Setting a state, so idempotent and tried again like a save.
    /// </summary>
    public Task<ApiResult<object>> SetReminderAsync(string messageId, DateTimeOffset? remindAt, CancellationToken ct = default)
    {
        var path = $"api/saved/{Uri.EscapeDataString(messageId)}/reminder";
        return remindAt is { } at
            ? SendAsync<object>(HttpMethod.Put, path, new ReminderRequest(at), signedIn: true, ct, idempotent: true)
            : SendAsync<object>(HttpMethod.Delete, path, body: null, signedIn: true, ct, idempotent: true);
    }

    /// <summary>The ids of every message the user saved.</summary>
    public Task<ApiResult<List<string>>> SavedMessageIdsAsync(CancellationToken ct = default) =>
        SendAsync<List<string>>(HttpMethod.Get, "api/saved/ids", body: null, signedIn: true, ct);
}
