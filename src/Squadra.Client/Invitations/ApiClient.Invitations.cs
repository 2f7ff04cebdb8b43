using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    public Task<ApiResult<InvitationDto>> InviteAsync(string teamId, InviteRequest request, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<InvitationDto>(HttpMethod.Post, $"{TeamPath(teamId)}/invitations", request, signedIn: true, ct, idempotencyKey);

    public Task<ApiResult<List<InvitationDto>>> GetTeamInvitationsAsync(string teamId, CancellationToken ct = default) =>
        SendAsync<List<InvitationDto>>(HttpMethod.Get, $"{TeamPath(teamId)}/invitations", body: null, signedIn: true, ct);

    public Task<ApiResult<List<InvitationDto>>> GetMyInvitationsAsync(CancellationToken ct = default) =>
        SendAsync<List<InvitationDto>>(HttpMethod.Get, "api/invitations", body: null, signedIn: true, ct);

    public Task<ApiResult<TeamDto>> AcceptInvitationAsync(string invitationId, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Post, $"{InvitationPath(invitationId)}/accept", body: null, signedIn: true, ct, idempotencyKey);

    public Task<ApiResult<object>> DeclineInvitationAsync(string invitationId, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, $"{InvitationPath(invitationId)}/decline", body: null, signedIn: true, ct, idempotencyKey);

    public Task<ApiResult<object>> RevokeInvitationAsync(string invitationId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, InvitationPath(invitationId), body: null, signedIn: true, ct);

    static string InvitationPath(string invitationId) => $"api/invitations/{Uri.EscapeDataString(invitationId)}";
}
