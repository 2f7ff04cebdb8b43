using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Auth;

internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Base64 HMAC-SHA256 key shared by every replica, at least 32 bytes once decoded.</summary>
    [Required(ErrorMessage = "Auth:SigningKey is required (environment variable Auth__SigningKey, base64 of at least 32 bytes).")]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "squadra";

    [Required]
    public string Audience { get; set; } = "squadra";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public byte[] SigningKeyBytes() => Convert.FromBase64String(SigningKey);
}
