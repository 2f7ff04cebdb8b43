using Squadra.Contracts.Accounts;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    public Task<ApiResult<UserDto>> RegisterAsync(RegisterRequest request, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Post, "api/auth/register", request, signedIn: false, ct);

    public Task<ApiResult<LoginResponse>> LoginAsync(LoginRequest request, CancellationToken ct = default) =>
        SendAsync<LoginResponse>(HttpMethod.Post, "api/auth/login", request, signedIn: false, ct);

    /// <summary>The signed-in user's account, with the email address only its owner sees.</summary>
    public Task<ApiResult<AccountDto>> GetMeAsync(CancellationToken ct = default) =>
        SendAsync<AccountDto>(HttpMethod.Get, "api/me", body: null, signedIn: true, ct);

    /// <summary>Changes the display name or the email address (left null: unchanged; an empty address removes it).</summary>
    public Task<ApiResult<AccountDto>> UpdateMeAsync(UpdateAccountRequest request, CancellationToken ct = default) =>
        SendAsync<AccountDto>(HttpMethod.Patch, "api/me", request, signedIn: true, ct);

    /// <summary>Changes the password; the user's other sessions are signed out, this one stays.</summary>
    public Task<ApiResult<object>> ChangePasswordAsync(ChangePasswordRequest request, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/me/password", request, signedIn: true, ct);

    /// <summary>Asks for a reset link by email; the answer is the same whether or not <paramref name="request"/> names an account.</summary>
    public Task<ApiResult<object>> RequestPasswordResetAsync(PasswordResetRequest request, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/auth/password-reset", request, signedIn: false, ct);

    /// <summary>Sets a new password with an emailed link's token; every session of the account ends, this one's too.</summary>
    public Task<ApiResult<object>> ConfirmPasswordResetAsync(PasswordResetConfirmRequest request, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/auth/password-reset/confirm", request, signedIn: false, ct);

    /// <summary>Revokes the token on the server; ending the local session is the caller's.</summary>
    public Task<ApiResult<object>> LogoutAsync(CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Post, "api/auth/logout", body: null, signedIn: true, ct);
}
