using System.Buffers.Text;
using System.Security.Cryptography;

namespace Squadra.Api.Features.Push;

/// <summary>
/// <c>Push:Vapid</c>: the application server's P-256 key pair (RFC 8292), as the browser and Lib.Net.Http.WebPush take
/// it: the public key an uncompressed point (65 bytes), the private key the 32-byte scalar, both base64url. The replicas
/// share it (deploy/lib/secrets.sh makes it once), or subscriptions made through one would not verify from another.
/// </summary>
internal sealed class VapidOptions
{
    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    /// <summary>Whom the push service can contact about our messages: a <c>mailto:</c> or <c>https:</c> URI.</summary>
    public string Subject { get; set; } = "mailto:squadra@localhost.localdomain";

    /// <summary>What is wrong with the keys or subject, naming the setting; null when they are usable.</summary>
    public string? Problem()
    {
        if (!Subject.StartsWith("mailto:", StringComparison.Ordinal) && !Subject.StartsWith("https:", StringComparison.Ordinal))
        {
            return "Push:Vapid:Subject must be a mailto: or https: URI.";
        }
        if (Decode(PublicKey) is not { Length: 65 } publicKey || publicKey[0] != 0x04)
        {
            return "Push:Vapid:PublicKey must be an uncompressed P-256 point (65 bytes), base64url.";
        }
        if (Decode(PrivateKey) is not { Length: 32 } privateKey)
        {
            return "Push:Vapid:PrivateKey must be a P-256 private key (32 bytes), base64url.";
        }
        return PairMatches(publicKey, privateKey) ? null : "Push:Vapid:PublicKey and Push:Vapid:PrivateKey are not one key pair.";
    }

    private static byte[]? Decode(string? base64Url)
    {
        try
        {
            return base64Url is null ? null : Base64Url.DecodeFromChars(base64Url);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // A signature made with the private key that the public key verifies: one key pair.
    private static bool PairMatches(byte[] publicKey, byte[] privateKey)
    {
        try
        {
            using var signer = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
            using var verifier = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
            });
            byte[] probe = [1, 2, 3];
            return verifier.VerifyData(probe, signer.SignData(probe, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
