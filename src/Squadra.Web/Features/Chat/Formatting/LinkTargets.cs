namespace Squadra.Web.Features.Chat.Formatting;

/// <summary>
/// Which addresses in a message may become links: absolute http, https and mailto ones only. Anything else
/// (javascript:, data:, vbscript:, relative paths, broken addresses) stays text.
/// </summary>
public static class LinkTargets
{
    /// <summary>The address to put in an href, normalised by <see cref="Uri"/>, or null when it must not be a link.</summary>
    public static string? Href(string? address)
    {
        if (!Uri.TryCreate(address?.Trim(), UriKind.Absolute, out var uri))
            return null;
        var web = (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
        var mail = uri.Scheme == Uri.UriSchemeMailto && uri.AbsoluteUri.Length > "mailto:".Length;
        // The normalised form: what the browser follows is exactly what was checked.
        return web || mail ? uri.AbsoluteUri : null;
    }
}
