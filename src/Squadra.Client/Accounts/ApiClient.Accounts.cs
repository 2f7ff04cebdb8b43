using Squadra.Contracts.Accounts;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    public Task<ApiResult<UserDto>> RegisterAsync(RegisterRequest request, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Post, "api/auth/register", request, signedIn: false, ct);

    public Task<ApiResult<LoginResponse>> LoginAsync(LoginRequest request, CancellationToken ct = default) =>
        SendAsync<LoginResponse>(HttpMethod.Post, "api/auth/login", request, signedIn: false, ct);

    public Task<ApiResult<UserDto>> GetMeAsync(CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Get, "api/me", body: null, signedIn: true, ct);

    /// <summary>Revokes the token on the server; ending the local session is the caller's.</summary>
    public Task<ApiResult<object>> LogoutAsync(CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/auth/logout", body: null, signedIn: true, ct);
}
