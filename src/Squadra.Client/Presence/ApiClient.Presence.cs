using Squadra.Contracts.Presence;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>Who of <paramref name="userIds"/> is online; users the caller shares no team or DM with are left out of the answer.</summary>
    public Task<ApiResult<List<PresenceDto>>> GetPresenceAsync(IEnumerable<string> userIds, CancellationToken ct = default) =>
        SendAsync<List<PresenceDto>>(HttpMethod.Get, $"api/presence?userIds={string.Join(',', userIds.Select(Uri.EscapeDataString))}", body: null, signedIn: true, ct);
}
