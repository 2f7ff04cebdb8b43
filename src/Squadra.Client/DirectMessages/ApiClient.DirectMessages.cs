using Squadra.Contracts.DirectMessages;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>Opens the DM with exactly these people (201), or returns the one that already exists (200).</summary>
    public Task<ApiResult<DmDto>> OpenDmAsync(CreateDmRequest request, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<DmDto>(HttpMethod.Post, "api/dms", request, signedIn: true, ct, idempotencyKey);

    /// <summary>The caller's DMs, the most recent activity first.</summary>
    public Task<ApiResult<List<DmDto>>> GetDmsAsync(CancellationToken ct = default) =>
        SendAsync<List<DmDto>>(HttpMethod.Get, "api/dms", body: null, signedIn: true, ct);

    public Task<ApiResult<DmDto>> GetDmAsync(string dmId, CancellationToken ct = default) =>
        SendAsync<DmDto>(HttpMethod.Get, $"api/dms/{Uri.EscapeDataString(dmId)}", body: null, signedIn: true, ct);
}
