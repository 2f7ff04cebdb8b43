using System.Text.RegularExpressions;

namespace Squadra.Web.Features.Chat;

/// <summary>One run of a message's text; <see cref="Href"/> is set when the run is a web link.</summary>
public sealed record TextRun(string Text, string? Href = null);

/// <summary>
/// Cuts a message into plain text and links, so links are clickable while everything stays text: only absolute
/// http and https addresses become links (never javascript:, data: or the like), and nothing is rendered as markup.
/// </summary>
public static partial class MessageText
{
    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Candidate();

    public static IReadOnlyList<TextRun> Split(string body)
    {
        var runs = new List<TextRun>();
        var at = 0;
        foreach (Match match in Candidate().Matches(body))
        {
            var url = TrimTrailing(match.Value);
            if (!IsWebLink(url))
                continue;

            if (match.Index > at)
                runs.Add(new(body[at..match.Index]));
            runs.Add(new(url, url));
            at = match.Index + url.Length;
        }

        if (at < body.Length)
            runs.Add(new(body[at..]));
        return runs;
    }

    static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    // "See https://example.com." or "(https://example.com)": the sentence's punctuation is not part of the link.
    static string TrimTrailing(string url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            if (".,;:!?'".Contains(last, StringComparison.Ordinal) || (last == ')' && url.Count(c => c == '(') < url.Count(c => c == ')')))
                url = url[..^1];
            else
                break;
        }

        return url;
    }
}
