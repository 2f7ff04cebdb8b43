using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>Helpers that go through the public API, exactly as a browser would.</summary>
public static class AccountClient
{
    public const string Password = "correct horse battery";

    public static string UniqueUsername(string prefix = "user") => $"{prefix}_{Guid.NewGuid():N}"[..24];

    public static async Task<UserDto> RegisterAsync(this HttpClient client, string username, string password = Password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<UserDto>())!;
    }

    public static async Task<LoginResponse> LoginAsync(this HttpClient client, string username, string password = Password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoginResponse>())!;
    }

    /// <summary>Registers a fresh user and logs in; returns the token.</summary>
    public static async Task<LoginResponse> SignUpAsync(this HttpClient client, string prefix = "user")
    {
        var username = UniqueUsername(prefix);
        await client.RegisterAsync(username);
        return await client.LoginAsync(username);
    }

    public static HttpRequestMessage Authorized(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
