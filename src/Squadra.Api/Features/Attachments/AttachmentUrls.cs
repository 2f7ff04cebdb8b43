using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Squadra.Api.Features.Attachments;

/// <summary>
/// Signed, expiring download urls: an <c>&lt;img&gt;</c> loads them without a bearer header, and no token ever sits in
/// a query string (where logs and Referer headers keep it). The signature is an HMAC-SHA256 over the attachment, the
/// variant and the expiry, so it is worth nothing for another file or the other variant, or once expired. Expiries
/// fall on the hour, two hours ahead: for an hour every answer hands out the same url, which the browser's cache
/// keeps, and each url is good for 1 to 2 hours.
/// </summary>
internal sealed class AttachmentUrls(IOptions<AttachmentOptions> options, TimeProvider clock)
{
    public const string Content = "content";
    public const string Thumbnail = "thumbnail";

    private static readonly TimeSpan s_step = TimeSpan.FromHours(1);

    private readonly byte[] _key = options.Value.UrlKeyBytes();

    public string Url(Guid id, string variant) => Url(id, variant, CurrentExpiry());

    public string Url(Guid id, string variant, long expires) =>
        $"/api/attachments/{id}/{variant}?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Sign(id, variant, expires)}";

    /// <summary>What a url hands out now: two hours ahead, rounded down to the hour (unix seconds).</summary>
    public long CurrentExpiry()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var step = (long)s_step.TotalSeconds;
        return (now / step * step) + (2 * step);
    }

    /// <summary>How long a url that expires at <paramref name="expires"/> may still be used (its Cache-Control max-age).</summary>
    public TimeSpan Remaining(long expires) => DateTimeOffset.FromUnixTimeSeconds(expires) - clock.GetUtcNow();

    /// <summary>True when the signature is this attachment's and variant's for that expiry, and the expiry is ahead.</summary>
    public bool IsValid(Guid id, string variant, long? expires, string? signature)
    {
        if (expires is not { } at || signature is null || at <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Base64Url.DecodeFromChars(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, Mac(id, variant, at));
    }

    private string Sign(Guid id, string variant, long expires) => Base64Url.EncodeToString(Mac(id, variant, expires));

    private byte[] Mac(Guid id, string variant, long expires) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id:N}\n{variant}\n{expires.ToString(CultureInfo.InvariantCulture)}"));
}
