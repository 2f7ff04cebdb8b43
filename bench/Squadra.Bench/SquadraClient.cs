using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Squadra.Client;
using Squadra.Contracts.Accounts;

namespace Squadra.Bench;

/// <summary>
/// Squadra's public REST API as bench uses it, against one replica chosen per call (the replicas are hit directly,
/// not through the gateway, so a simulated user's X-Forwarded-For reaches the login rate limit), over one pool of
/// connections. Setting the scene (the population, the history seed) goes through the shared client,
/// <see cref="ApiClient"/> (<see cref="Api"/>): its problems, retries and Idempotency-Keys are what setup wants. What is
/// measured stays on the wire here (<see cref="RawAsync"/>, <see cref="LoginAsync"/>): one attempt, no deserialising,
/// so no client retry hides a failure it times and the load generator's CPU goes on sending.
/// </summary>
internal sealed class SquadraClient : IDisposable
{
    private const string IdempotencyHeader = ApiClient.IdempotencyHeader;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly IReadOnlyList<Uri> _replicas;
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _http;

    public SquadraClient(IReadOnlyList<Uri> replicas)
    {
        _replicas = replicas;
        _handler = CreateHandler(512);
        // Not the owner of the pool: the setup clients (Api) share it, and Dispose ends it once.
        _http = new HttpClient(_handler, disposeHandler: false) { Timeout = s_timeout };
    }

    public IReadOnlyList<Uri> Replicas => _replicas;

    /// <summary>A client of its own (readiness checks, the bare hub child), with a small pool.</summary>
    public static HttpClient CreateHttp(int maxConnectionsPerServer) => new(CreateHandler(maxConnectionsPerServer)) { Timeout = s_timeout };

    private static SocketsHttpHandler CreateHandler(int maxConnectionsPerServer) => new()
    {
        MaxConnectionsPerServer = maxConnectionsPerServer,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    };

    public Uri Replica(int index) => _replicas[index % _replicas.Count];

    /// <summary>
    /// The shared client for one simulated user (<paramref name="token"/> null: nobody signed in yet) on replica
    /// <paramref name="replica"/>, sending the user's fake address as X-Forwarded-For, for setting the scene. Cheap: a
    /// new one per call is how the replica stays chosen per call. Neither it nor its handler is disposed: disposing the
    /// <see cref="ForwardedForHandler"/> would dispose the pool every user shares (a DelegatingHandler disposes its
    /// InnerHandler), and an HttpClient that does not own its handler holds nothing else worth releasing.
    /// </summary>
    public ApiClient Api(int replica, string? token, string forwardedFor) =>
        new(new HttpClient(new ForwardedForHandler(forwardedFor) { InnerHandler = _handler }, disposeHandler: false)
        {
            BaseAddress = Replica(replica),
            Timeout = s_timeout,
        }, new FixedToken(token), TimeProvider.System);

    /// <summary>
    /// The login the REST scenario measures (setup logs in through <see cref="Api"/>, in <see cref="Population"/>).
    /// A 429 (login rate limit per address and replica) is waited out, a few times at most.
    /// </summary>
    public async Task<LoginResponse> LoginAsync(int replica, string username, string password, string fakeAddress, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Replica(replica), "/api/auth/login"))
            {
                Content = JsonContent.Create(new LoginRequest(username, password), options: s_json),
            };
            request.Headers.Add("X-Forwarded-For", fakeAddress);
            using var response = await _http.SendAsync(request, ct);
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
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        return response.StatusCode;
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

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }
}

/// <summary>A failure the tool reports in one line (and smoke turns into a failed check).</summary>
internal sealed class BenchException(string message) : Exception(message);
