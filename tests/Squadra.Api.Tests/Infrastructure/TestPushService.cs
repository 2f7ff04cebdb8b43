using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lib.Net.Http.EncryptedContentEncoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Squadra.Contracts.Push;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>
/// A push service of the tests' own (RFC 8030) on 127.0.0.1, over plain HTTP, standing in for a browser's: it accepts a
/// message only after checking what a real one checks, the VAPID token's ES256 signature against the server's public key
/// and its aud, exp and sub claims (RFC 8292), and it decrypts the aes128gcm payload with the subscription's private key
/// (RFC 8291) as the browser would. Each subscription can be told to answer with other statuses first (410, 500).
/// </summary>
public sealed class TestPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _vapidPublicKey;
    private readonly ConcurrentDictionary<string, TestPushSubscription> _subscriptions = new();

    private TestPushService(WebApplication app, string vapidPublicKey) => (_app, _vapidPublicKey) = (app, vapidPublicKey);

    public string BaseUrl => _app.Urls.First();

    /// <summary>Every request that was refused (bad token, undecryptable payload): a test expects none.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<TestPushService> StartAsync(string vapidPublicKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new TestPushService(app, vapidPublicKey);
        app.MapPost("/push/{id}", (string id, HttpContext context) => service.ReceiveAsync(id, context));
        await app.StartAsync();
        return service;
    }

    /// <summary>A new browser subscription at this service: its endpoint and keys, and what it received.</summary>
    public TestPushSubscription NewSubscription()
    {
        var subscription = new TestPushSubscription($"{BaseUrl}/push/{Guid.NewGuid():N}");
        _subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    private async Task<IResult> ReceiveAsync(string id, HttpContext context)
    {
        if (!_subscriptions.TryGetValue(id, out var subscription))
        {
            return Results.NotFound();
        }
        Interlocked.Increment(ref subscription.RequestCount);
        if (VapidProblem(context.Request, subscription.Endpoint) is { } problem)
        {
            Refusals.Enqueue(problem);
            return Results.Unauthorized();
        }
        if (subscription.NextAnswers.TryDequeue(out var status))
        {
            return Results.StatusCode(status);
        }
        try
        {
            subscription.Received.Enqueue(await subscription.DecryptAsync(context.Request.Body));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or InvalidOperationException or FormatException)
        {
            Refusals.Enqueue($"undecryptable: {e.Message}");
            return Results.BadRequest();
        }
        return Results.Created();
    }

    // RFC 8292: "vapid t=<JWT>, k=<public key>"; the token signed with ES256 by the key given, for this origin, not expired.
    private string? VapidProblem(HttpRequest request, string endpoint)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("vapid ", StringComparison.OrdinalIgnoreCase))
        {
            return $"no vapid authorization: '{authorization}'";
        }
        var parameters = authorization[6..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (parameters.GetValueOrDefault("k") != _vapidPublicKey || parameters.GetValueOrDefault("t") is not { } token)
        {
            return "vapid k is not the server's public key, or t is missing";
        }
        var parts = token.Split('.');
        var key = Base64Url.DecodeFromChars(_vapidPublicKey);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key[1..33], Y = key[33..] },
        });
        if (parts.Length != 3
            || !verifier.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256))
        {
            return "vapid token's ES256 signature does not verify";
        }
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        // The origin without its port: Lib.Net.Http.WebPush leaves the port out of aud, which only this service on a
        // port of its own notices (browsers' push services are on 443).
        var origin = $"{new Uri(endpoint).Scheme}://{new Uri(endpoint).Host}";
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        if (header.GetProperty("alg").GetString() != "ES256"
            || claims.GetProperty("aud").GetString() != origin
            || expires <= DateTimeOffset.UtcNow || expires > DateTimeOffset.UtcNow.AddHours(24)
            || claims.GetProperty("sub").GetString() is not { } subject || !subject.StartsWith("mailto:", StringComparison.Ordinal))
        {
            return $"vapid claims wrong: {claims}";
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }
    }
}

/// <summary>A browser's side of a subscription: its ECDH key pair and auth secret, and the payloads it decrypted.</summary>
public sealed class TestPushSubscription(string endpoint) : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _auth = RandomNumberGenerator.GetBytes(16);

    internal int RequestCount;

    public string Endpoint { get; } = endpoint;

    public string Id => Endpoint[(Endpoint.LastIndexOf('/') + 1)..];

    /// <summary>Statuses to answer with before accepting (e.g. 500 once, or 410).</summary>
    public ConcurrentQueue<int> NextAnswers { get; } = new();

    public ConcurrentQueue<PushPayload> Received { get; } = new();

    /// <summary>Every POST that reached this subscription, answered with whatever status.</summary>
    public int Requests => Volatile.Read(ref RequestCount);

    public PushSubscriptionRequest Request => new(Endpoint, new PushSubscriptionKeys(Base64Url.EncodeToString(PublicKey), Base64Url.EncodeToString(_auth)));

    private byte[] PublicKey
    {
        get
        {
            var q = _key.ExportParameters(includePrivateParameters: false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
    }

    /// <summary>RFC 8291: the content's key id is the server's ephemeral public key; the IKM comes from ECDH and the auth secret.</summary>
    internal async Task<PushPayload> DecryptAsync(Stream body)
    {
        using var encrypted = new MemoryStream();
        await body.CopyToAsync(encrypted);
        encrypted.Position = 0;
        using var decrypted = new MemoryStream();
        await Aes128GcmEncoding.DecodeAsync(encrypted, decrypted, serverPublicKey =>
        {
            using var server = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = serverPublicKey[1..33], Y = serverPublicKey[33..] },
            });
            var sharedSecret = _key.DeriveRawSecretAgreement(server.PublicKey);
            byte[] info = [.. "WebPush: info\0"u8, .. PublicKey, .. serverPublicKey];
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, _auth, info);
        });
        return JsonSerializer.Deserialize<PushPayload>(decrypted.ToArray(), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("empty payload");
    }

    public void Dispose() => _key.Dispose();
}
