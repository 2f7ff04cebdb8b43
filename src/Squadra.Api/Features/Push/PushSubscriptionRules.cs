using System.Buffers.Text;
using System.Security.Cryptography;
using Squadra.Contracts.Push;

namespace Squadra.Api.Features.Push;

/// <summary>What a subscription must be to be kept: an endpoint we will POST to, and keys a message can be encrypted for.</summary>
internal static class PushSubscriptionRules
{
    /// <summary>Browsers' endpoints are a few hundred characters; this leaves room without letting rows grow unbounded.</summary>
    public const int MaxEndpointLength = 2048;

    public static Dictionary<string, string[]> Errors(PushSubscriptionRequest request, bool allowInsecureEndpoints)
    {
        var errors = new Dictionary<string, string[]>();
        if (EndpointError(request.Endpoint, allowInsecureEndpoints) is { } endpoint)
        {
            errors["endpoint"] = [endpoint];
        }
        if (!IsP256Point(Decode(request.Keys?.P256dh)))
        {
            errors["keys.p256dh"] = ["keys.p256dh must be the subscription's P-256 public key (65 bytes, uncompressed), base64url."];
        }
        if (Decode(request.Keys?.Auth) is not { Length: 16 })
        {
            errors["keys.auth"] = ["keys.auth must be the subscription's 16-byte auth secret, base64url."];
        }
        return errors;
    }

    public static string? EndpointError(string? endpoint, bool allowInsecureEndpoints)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > MaxEndpointLength)
        {
            return $"endpoint is required, at most {MaxEndpointLength} characters.";
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "endpoint must be an absolute URL.";
        }
        return uri.Scheme == Uri.UriSchemeHttps || (allowInsecureEndpoints && uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : "endpoint must be an https:// URL (a browser's push service).";
    }

    private static byte[]? Decode(string? base64Url)
    {
        try
        {
            // Browsers give base64url without padding; some libraries pad it.
            return string.IsNullOrEmpty(base64Url) ? null : Base64Url.DecodeFromChars(base64Url.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // 65 bytes are not enough: a point off the curve could not be encrypted for, and every message would fail.
    private static bool IsP256Point(byte[]? key)
    {
        if (key is not { Length: 65 } || key[0] != 0x04)
        {
            return false;
        }
        try
        {
            using var point = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[1..33], Y = key[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
