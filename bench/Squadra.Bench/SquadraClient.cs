using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Bench;

/// <summary>
/// Squadra's public REST API as a client uses it, against one replica chosen per call (the replicas are hit
/// directly, not through the gateway, so a simulated user's X-Forwarded-For reaches the login rate limit).
/// </summary>
internal sealed class SquadraClient(HttpClient http, IReadOnlyList<Uri> replicas) : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<Uri> Replicas => replicas;

    public static HttpClient CreateHttp(int maxConnectionsPerServer = 512) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnectionsPerServer,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Uri Replica(int index) => replicas[index % replicas.Count];

    /// <summary>201, or 409 when the user exists already (then the caller logs in with its password).</summary>
    public async Task<bool> RegisterAsync(int replica, string username, string password, string fakeAddress, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Replica(replica), "/api/auth/register"))
        {
            Content = JsonContent.Create(new RegisterRequest(username, password), options: s_json),
        };
        request.Headers.Add("X-Forwarded-For", fakeAddress);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        await EnsureAsync(response, "register", ct);
        return true;
    }

    /// <summary>Logs in; a 429 (login rate limit per address and replica) is waited out, a few times at most.</summary>
    public async Task<LoginResponse> LoginAsync(int replica, string username, string password, string fakeAddress, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Replica(replica), "/api/auth/login"))
            {
                Content = JsonContent.Create(new LoginRequest(username, password), options: s_json),
            };
            request.Headers.Add("X-Forwarded-For", fakeAddress);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                await Task.Delay(wait > TimeSpan.FromSeconds(61) ? TimeSpan.FromSeconds(61) : wait, ct);
                continue;
            }
            await EnsureAsync(response, "login", ct);
            return (await response.Content.ReadFromJsonAsync<LoginResponse>(s_json, ct))!;
        }
    }

    public Task<TeamDto> CreateTeamAsync(int replica, string token, string name, CancellationToken ct) =>
        SendAsync<TeamDto>(replica, HttpMethod.Post, "/api/teams", token, new CreateTeamRequest(name, "bench team"), ct);

    public Task<InvitationDto> InviteAsync(int replica, string token, string teamId, string username, CancellationToken ct) =>
        SendAsync<InvitationDto>(replica, HttpMethod.Post, $"/api/teams/{teamId}/invitations", token, new InviteRequest(username), ct);

    public Task<TeamDto> AcceptAsync(int replica, string token, string invitationId, CancellationToken ct) =>
        SendAsync<TeamDto>(replica, HttpMethod.Post, $"/api/invitations/{invitationId}/accept", token, null, ct);

    public Task<TeamDto[]> TeamsAsync(int replica, string token, CancellationToken ct) =>
        SendAsync<TeamDto[]>(replica, HttpMethod.Get, "/api/teams", token, null, ct);

    public Task<MessageDto[]> HistoryAsync(int replica, string token, string teamId, int limit, CancellationToken ct) =>
        SendAsync<MessageDto[]>(replica, HttpMethod.Get, $"/api/teams/{teamId}/messages?limit={limit}", token, null, ct);

    public Task<UserDto> MeAsync(int replica, string token, CancellationToken ct) =>
        SendAsync<UserDto>(replica, HttpMethod.Get, "/api/me", token, null, ct);

    /// <summary>
    /// The hot paths of the load (post, history page, team list): the status, with the body read to its end
    /// as a client would, but not deserialised, so that the load generator spends its CPU on sending.
    /// </summary>
    public async Task<HttpStatusCode> RawAsync(int replica, HttpMethod method, string path, string? token, object? body, bool idempotencyKey, CancellationToken ct, Uri? server = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(server ?? Replica(replica), path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (idempotencyKey)
        {
            request.Headers.Add(IdempotencyHeader, Guid.NewGuid().ToString("N"));
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: s_json);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        return response.StatusCode;
    }

    private async Task<T> SendAsync<T>(int replica, HttpMethod method, string path, string token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(Replica(replica), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method == HttpMethod.Post)
        {
            request.Headers.Add(IdempotencyHeader, Guid.NewGuid().ToString("N"));
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: s_json);
        }
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, $"{method} {path}", ct);
        return (await response.Content.ReadFromJsonAsync<T>(s_json, ct))!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            throw new BenchException($"{what} -> {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(detail, 300)}");
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "...";

    public void Dispose() => http.Dispose();
}

/// <summary>A failure the tool reports in one line (and smoke turns into a failed check).</summary>
internal sealed class BenchException(string message) : Exception(message);
