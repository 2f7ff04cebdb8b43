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

    /// <summary>What an emailed invitation's link is for; needs no sign-in.</summary>
    public Task<ApiResult<JoinLinkDto>> GetJoinLinkAsync(string token, CancellationToken ct = default) =>
        SendAsync<JoinLinkDto>(HttpMethod.Get, JoinPath(token), body: null, signedIn: false, ct);

    /// <summary>Joins the team of an emailed invitation's link as the signed-in user.</summary>
    public Task<ApiResult<TeamDto>> AcceptJoinLinkAsync(string token, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Post, $"{JoinPath(token)}/accept", body: null, signedIn: true, ct, idempotencyKey);

    static string JoinPath(string token) => $"api/join/{Uri.EscapeDataString(token)}";

    static string InvitationPath(string invitationId) => $"api/invitations/{Uri.EscapeDataString(invitationId)}";
}
