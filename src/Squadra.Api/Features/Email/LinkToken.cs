using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Squadra.Api.Features.Email;

/// <summary>
/// The secret in a link Squadra emails (a password reset, an invitation): 256 random bits, base64url, and the SHA-256
/// of it, which is all the database keeps: a copy of the table opens nothing. No salt is needed, as nobody chose it.
/// </summary>
internal readonly record struct LinkToken(string Value, byte[] Hash)
{
    public static LinkToken New()
    {
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new LinkToken(value, HashOf(value));
    }

    public static byte[] HashOf(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>The form a link carries; anything else (too long, other characters) can be refused unhashed.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 43 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
