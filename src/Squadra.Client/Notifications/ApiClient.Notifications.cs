using System.Globalization;
using Squadra.Contracts.Notifications;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>
    /// The caller's notifications with a seq above <paramref name="after"/>, ascending; without it, the newest
    /// <paramref name="limit"/> (docs/api-extensions.md), so a start needs not read the whole history.
    /// </summary>
    public Task<ApiResult<List<NotificationDto>>> GetNotificationsAsync(long? after, int limit, CancellationToken ct = default) =>
        SendAsync<List<NotificationDto>>(HttpMethod.Get,
            after is { } seq
                ? string.Create(CultureInfo.InvariantCulture, $"api/notifications?after={seq}&limit={limit}")
                : string.Create(CultureInfo.InvariantCulture, $"api/notifications?limit={limit}"),
            body: null, signedIn: true, ct);

    public Task<ApiResult<UnreadCountDto>> GetUnreadCountAsync(CancellationToken ct = default) =>
        SendAsync<UnreadCountDto>(HttpMethod.Get, "api/notifications/unread-count", body: null, signedIn: true, ct);

    // Marking read is idempotent by nature; the key only lets a failed attempt be retried.
    public Task<ApiResult<object>> MarkNotificationsReadAsync(long upToSeq, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/notifications/read", new MarkReadRequest(upToSeq), signedIn: true, ct, ActionKey.NewKey());

    /// <summary>Every <c>dm.message</c> notification of the DM is read: the user read the DM.</summary>
    public Task<ApiResult<object>> MarkDmNotificationsReadAsync(string dmId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/notifications/read", new MarkReadRequest(null, dmId), signedIn: true, ct, ActionKey.NewKey());
}
