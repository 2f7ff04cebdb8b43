using System.Text.Json;
using Microsoft.JSInterop;
using Squadra.Client;
using Squadra.Contracts.Accounts;

namespace Squadra.Web.Features.Accounts;

/// <summary>
/// The signed-in user and their access token, kept in localStorage so a page reload keeps the session.
/// Restored once at start-up, so components can read it synchronously.
/// </summary>
public sealed class AuthSession(IJSRuntime js, TimeProvider clock) : ISessionToken
{
    internal const string StorageKey = "squadra.session";

    LoginResponse? _login;

    public event Action? Changed;

    public bool IsSignedIn => _login is not null && _login.ExpiresAt > clock.GetUtcNow();

    public UserDto? User => IsSignedIn ? _login!.User : null;

    public string? AccessToken => IsSignedIn ? _login!.AccessToken : null;

    public async Task RestoreAsync()
    {
        var json = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        if (json is null)
            return;

        try
        {
            _login = JsonSerializer.Deserialize<LoginResponse>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            _login = null;
        }

        if (!IsSignedIn)
            await SignOutAsync();
    }

    public async Task SignInAsync(LoginResponse login)
    {
        _login = login;
        await SaveAsync();
    }

    /// <summary>Keeps the stored user current, e.g. after /api/me returned a changed display name.</summary>
    public async Task UpdateUserAsync(UserDto user)
    {
        if (_login is null || _login.User == user)
            return;

        _login = _login with { User = user };
        await SaveAsync();
    }

    /// <summary>The server no longer takes the token (expired, revoked): signed out, which sends the user to log in.</summary>
    public Task RejectedAsync() => SignOutAsync();

    public async Task SignOutAsync()
    {
        _login = null;
        await js.InvokeVoidAsync("localStorage.removeItem", StorageKey);
        Changed?.Invoke();
    }

    async Task SaveAsync()
    {
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, JsonSerializer.Serialize(_login, JsonSerializerOptions.Web));
        Changed?.Invoke();
    }
}
