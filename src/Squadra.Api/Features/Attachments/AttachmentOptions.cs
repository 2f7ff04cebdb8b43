using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Attachments;

/// <summary>Configuration section <c>Attachments</c>: the key that signs download urls, each team's storage, the sweep.</summary>
internal sealed class AttachmentOptions : IValidatableObject
{
    public const string Section = "Attachments";

    /// <summary>
    /// The HMAC-SHA256 key of the signed download urls, base64 or base64url, at least 32 bytes. Every replica has the
    /// same (deploy/lib/secrets.sh makes it once), or a url handed out by one would be refused by the other.
    /// </summary>
    public string? UrlKey { get; set; }

    /// <summary>What one team's (or DM's) files may take together; an upload past it is refused (409).</summary>
    [Range(1L, long.MaxValue)]
    public long TeamQuotaBytes { get; set; } = 1L << 30;

    /// <summary>How long an upload no message carries is kept (a composer abandoned, a tab closed).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan UnattachedLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the replicas look for uploads past <see cref="UnattachedLifetime"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    public byte[] UrlKeyBytes() => DecodeKey(UrlKey) ?? [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        DecodeKey(UrlKey) is { Length: >= 32 }
            ? []
            : [new ValidationResult("Attachments:UrlKey must be set to a key of at least 32 bytes, base64 or base64url (deploy/lib/secrets.sh makes one).", [nameof(UrlKey)])];

    private static byte[]? DecodeKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }
        try
        {
            // openssl rand -base64 writes '+' and '/' and padding; base64url is the same alphabet but for two.
            return Base64Url.DecodeFromChars(key.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
