using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Squadra.Contracts.Operations;

namespace Squadra.Client;

/// <summary>
/// Typed calls of the public API (docs/api-extensions.md, shared/spec/api*.md), one partial per feature in that
/// feature's folder. Paths are relative to the HttpClient's base address, so a gateway in front decides which replica
/// answers. A 401 on a signed-in call tells the <see cref="ISessionToken"/>. Retries follow <see cref="RetryRules"/>:
/// reads, writes that carry an Idempotency-Key and writes idempotent by the contract (a reaction's PUT and DELETE), when
/// the backend is briefly away; anything refused with 429 or 503
/// and a short Retry-After, after waiting that long.
/// </summary>
public sealed partial class ApiClient(HttpClient http, ISessionToken session, TimeProvider clock)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, bool signedIn, CancellationToken ct,
        string? idempotencyKey = null, bool idempotent = false)
    {
        var repeatable = method == HttpMethod.Get || idempotencyKey is not null || idempotent;
        for (var attempt = 0; ; attempt++)
        {
            var result = await SendOnceAsync<T>(method, path, body, signedIn, idempotencyKey, ct);
            if (result.Problem is not { } problem || RetryRules.Delay(problem, repeatable, attempt) is not { } delay)
                return result;
            await Task.Delay(delay, clock, ct);
        }
    }

    async Task<ApiResult<T>> SendOnceAsync<T>(HttpMethod method, string path, object? body, bool signedIn, string? idempotencyKey,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        // HttpContent goes as it is (a multipart upload, sent once: such calls carry no Idempotency-Key); anything else as JSON.
        if (body is HttpContent content)
            request.Content = content;
        else if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType());
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
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout: as good as no answer.
            return new(default, ApiProblem.Unreachable, null);
        }

        using (response)
        {
            var servedBy = response.Headers.TryGetValues(ServedBy.HeaderName, out var values) ? values.FirstOrDefault() : null;

            if (response.IsSuccessStatusCode)
                return await ReadValueAsync<T>(response, servedBy, ct);

            if (signedIn && response.StatusCode == HttpStatusCode.Unauthorized)
                await session.RejectedAsync();

            var problem = await ApiProblem.ReadAsync(response, ct);
            return new(default, problem with { RetryAfter = RetryRules.RetryAfter(response, clock) }, servedBy);
        }
    }

    static async Task<ApiResult<T>> ReadValueAsync<T>(HttpResponseMessage response, string? servedBy, CancellationToken ct)
    {
        // 204 answers (logout, decline, delete, remove) and 202 (a password reset asked for) carry no value, and their
        // callers read none.
        if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Accepted)
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
