using Squadra.Contracts.NotificationPreferences;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>What reaches the signed-in user by push and by email, per kind of notification.</summary>
    public Task<ApiResult<NotificationPreferencesDto>> GetNotificationPreferencesAsync(CancellationToken ct = default) =>
        SendAsync<NotificationPreferencesDto>(HttpMethod.Get, "api/me/notification-preferences", body: null, signedIn: true, ct);

    /// <summary>Changes the kinds and channels <paramref name="change"/> names; answers the whole choice as it now is.</summary>
    public Task<ApiResult<NotificationPreferencesDto>> ChangeNotificationPreferencesAsync(NotificationPreferencesChange change, CancellationToken ct = default) =>
        SendAsync<NotificationPreferencesDto>(HttpMethod.Patch, "api/me/notification-preferences", change, signedIn: true, ct);

    /// <summary>
    /// Pauses the signed-in user's notifications until <paramref name="until"/> (nothing pushed, the email digest held),
    /// or with null resumes them.
    /// </summary>
    public Task<ApiResult<object>> PauseNotificationsAsync(DateTimeOffset? until, CancellationToken ct = default) =>
        until is { } end
            ? SendAsync<object>(HttpMethod.Put, "api/me/notification-pause", new NotificationPauseRequest(end), signedIn: true, ct, idempotent: true)
            : SendAsync<object>(HttpMethod.Delete, "api/me/notification-pause", body: null, signedIn: true, ct, idempotent: true);
}
