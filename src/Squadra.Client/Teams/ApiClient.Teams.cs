using Squadra.Contracts.Teams;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    public Task<ApiResult<TeamDto>> CreateTeamAsync(CreateTeamRequest request, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Post, "api/teams", request, signedIn: true, ct, idempotencyKey);

    public Task<ApiResult<List<TeamDto>>> GetTeamsAsync(CancellationToken ct = default) =>
        SendAsync<List<TeamDto>>(HttpMethod.Get, "api/teams", body: null, signedIn: true, ct);

    public Task<ApiResult<TeamDto>> GetTeamAsync(string teamId, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Get, TeamPath(teamId), body: null, signedIn: true, ct);

    /// <summary>Changes the fields given (name, description, the language its messages are searched in; owner/admin).</summary>
    public Task<ApiResult<TeamDto>> UpdateTeamAsync(string teamId, UpdateTeamRequest request, CancellationToken ct = default) =>
        SendAsync<TeamDto>(HttpMethod.Patch, TeamPath(teamId), request, signedIn: true, ct);

    public Task<ApiResult<object>> DeleteTeamAsync(string teamId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, TeamPath(teamId), body: null, signedIn: true, ct);

    public Task<ApiResult<MemberDto>> ChangeRoleAsync(string teamId, string userId, string role, CancellationToken ct = default) =>
        SendAsync<MemberDto>(HttpMethod.Put, $"{MemberPath(teamId, userId)}/role", new ChangeRoleRequest(role), signedIn: true, ct);

    /// <summary>Removes a member; with the caller's own id, leaves the team.</summary>
    public Task<ApiResult<object>> RemoveMemberAsync(string teamId, string userId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, MemberPath(teamId, userId), body: null, signedIn: true, ct);

    static string TeamPath(string teamId) => $"api/teams/{Uri.EscapeDataString(teamId)}";

    static string MemberPath(string teamId, string userId) => $"{TeamPath(teamId)}/members/{Uri.EscapeDataString(userId)}";
}
