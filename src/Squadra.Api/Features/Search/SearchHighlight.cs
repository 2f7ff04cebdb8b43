using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Squadra.Api.Features.Search;

/// <summary>
/// A body as HTML with its matches marked. PostgreSQL's <c>ts_headline</c> marks them but escapes nothing, so it marks
/// with two control characters no body can hold (they are refused on the way in, api-v2 "Text"): the text between
/// them is HTML-encoded here piece by piece, and only the markers become <c>&lt;mark&gt;</c>.
/// </summary>
internal static class SearchHighlight
{
    private const char Start = '\u0001';
    private const char Stop = '\u0002';

    // Every script as itself: only what HTML needs escaped is (a search for "café" shows "café", not "caf&#xE9;").
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>ts_headline's options: the markers, and the whole body (a message is short), not fragments.</summary>
    public static readonly string HeadlineOptions = $"StartSel={Start}, StopSel={Stop}, HighlightAll=true";

    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var inMark = false;
        foreach (var piece in marked.Split([Start, Stop]))
        {
            html.Append(s_encoder.Encode(piece));
            html.Append(inMark ? "</mark>" : "<mark>");
            inMark = !inMark;
        }
        // The loop closed or opened one tag too many after the last piece.
        html.Length -= inMark ? "<mark>".Length : "</mark>".Length;
        return html.ToString();
    }
}
