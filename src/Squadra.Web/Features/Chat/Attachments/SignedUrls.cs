using System.Globalization;
using System.Web;

namespace Squadra.Web.Features.Chat.Attachments;

/// <summary>
/// When an attachment's signed address stops working. The API hands out addresses good for one to two hours (their
/// <c>expires</c>, unix seconds); a chat left open longer holds dead ones, so what follows them (a file card's link,
/// the full-size view) asks for fresh ones first (<c>GET /api/attachments/{id}</c>) once they are about to expire.
/// </summary>
public static class SignedUrls
{
    /// <summary>How long before its expiry an address counts as expired: a download started then could outlast it.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    /// <summary>The moment the address should be renewed; null when it carries no expiry (then it never is).</summary>
    public static DateTimeOffset? RenewAt(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal) is var start and >= 0 ? url[(start + 1)..] : "";
        return long.TryParse(HttpUtility.ParseQueryString(query)["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? DateTimeOffset.FromUnixTimeSeconds(expires) - Margin
            : null;
    }

    public static bool IsExpired(string url, TimeProvider clock) => RenewAt(url) is { } at && clock.GetUtcNow() >= at;
}
