using Squadra.Contracts.Push;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>The VAPID public key to subscribe the browser's push manager with.</summary>
    public Task<ApiResult<PushPublicKeyDto>> GetPushPublicKeyAsync(CancellationToken ct = default) =>
        SendAsync<PushPublicKeyDto>(HttpMethod.Get, "api/push/public-key", body: null, signedIn: true, ct);

    // Subscribing the same endpoint again is idempotent by the contract (docs/api-extensions.md, Web push).
    public Task<ApiResult<PushSubscriptionDto>> SubscribePushAsync(PushSubscriptionRequest subscription, CancellationToken ct = default) =>
        SendAsync<PushSubscriptionDto>(HttpMethod.Post, "api/push/subscriptions", subscription, signedIn: true, ct, idempotent: true);

    public Task<ApiResult<object>> UnsubscribePushAsync(string endpoint, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"api/push/subscriptions?endpoint={Uri.EscapeDataString(endpoint)}", body: null, signedIn: true, ct, idempotent: true);
}
