using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Operations;

namespace Squadra.Web.Services;

/// <summary>
/// The browser's only door to the backend. Paths are relative, so the gateway in front decides which replica
/// answers. A 401 on a signed-in call ends the session, which sends the user to log in.
/// </summary>
public sealed class ApiClient(HttpClient http, AuthSession session)
{
    public Task<ApiResult<UserDto>> RegisterAsync(RegisterRequest request, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Post, "api/auth/register", request, signedIn: false, ct);

    public Task<ApiResult<LoginResponse>> LoginAsync(LoginRequest request, CancellationToken ct = default) =>
        SendAsync<LoginResponse>(HttpMethod.Post, "api/auth/login", request, signedIn: false, ct);

    public Task<ApiResult<UserDto>> GetMeAsync(CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Get, "api/me", body: null, signedIn: true, ct);

    /// <summary>Revokes the token on the server when it can, and ends the local session whatever the answer.</summary>
    public async Task LogoutAsync(CancellationToken ct = default)
    {
        if (session.IsSignedIn)
            await SendAsync<object>(HttpMethod.Post, "api/auth/logout", body: null, signedIn: true, ct);
        await session.SignOutAsync();
    }

    async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, bool signedIn, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (signedIn)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            return new(default, ApiProblem.Unreachable, null);
        }

        using (response)
        {
            var servedBy = response.Headers.TryGetValues(ServedBy.HeaderName, out var values) ? values.FirstOrDefault() : null;

            if (response.IsSuccessStatusCode)
                return await ReadValueAsync<T>(response, servedBy, ct);

            if (signedIn && response.StatusCode == HttpStatusCode.Unauthorized)
                await session.SignOutAsync();

            return new(default, await ApiProblem.ReadAsync(response, ct), servedBy);
        }
    }

    static async Task<ApiResult<T>> ReadValueAsync<T>(HttpResponseMessage response, string? servedBy, CancellationToken ct)
    {
        // Only logout answers 204, and its caller reads no value.
        if (response.StatusCode == HttpStatusCode.NoContent)
            return new(default, null, servedBy);

        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(ct);
            if (value is not null)
                return new(value, null, servedBy);
        }
        catch (JsonException)
        {
            // Falls through: an unreadable answer is reported like an empty one.
        }

        var problem = new ApiProblem((int)response.StatusCode, "Unexpected answer", "The server's answer could not be read.");
        return new(default, problem, servedBy);
    }
}
