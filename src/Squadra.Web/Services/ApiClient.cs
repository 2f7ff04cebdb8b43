using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Operations;

namespace Squadra.Web.Services;

/// <summary>
/// The browser's only door to the backend. Paths are relative, so the gateway in front decides which replica
/// answers. A 401 on a signed-in call ends the session, which sends the user to log in. Reads, and writes that
/// carry an Idempotency-Key, are retried a few times when the backend is briefly away (a replica restarting,
/// a database failover): the key makes the retry safe.
/// </summary>
public sealed partial class ApiClient(HttpClient http, AuthSession session, TimeProvider clock)
{
    internal const string IdempotencyHeader = "Idempotency-Key";

    static readonly TimeSpan[] s_retryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

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

    async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, bool signedIn, CancellationToken ct,
        string? idempotencyKey = null)
    {
        var retryable = method == HttpMethod.Get || idempotencyKey is not null;
        for (var attempt = 0; ; attempt++)
        {
            var result = await SendOnceAsync<T>(method, path, body, signedIn, idempotencyKey, ct);
            if (!retryable || attempt == s_retryDelays.Length || result.Problem is not { } problem || !IsTransient(problem))
                return result;
            await Task.Delay(s_retryDelays[attempt], clock, ct);
        }
    }

    // Nothing answered, or the gateway had no healthy replica: worth another try. A 500 is a bug, not weather.
    static bool IsTransient(ApiProblem problem) => problem.Status is 0 or 502 or 503 or 504;

    async Task<ApiResult<T>> SendOnceAsync<T>(HttpMethod method, string path, object? body, bool signedIn, string? idempotencyKey,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (signedIn)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        if (idempotencyKey is not null)
            request.Headers.Add(IdempotencyHeader, idempotencyKey);

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
        // 204 answers (logout, decline, delete, remove) carry no value, and their callers read none.
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
