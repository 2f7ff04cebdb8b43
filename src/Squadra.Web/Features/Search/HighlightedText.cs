using System.Net;

namespace Squadra.Web.Features.Search;

/// <summary>
/// A search result's highlight (HTML: matches in &lt;mark&gt;, everything else encoded) as plain pieces of text, each
/// marked or not. The page renders them as text, never as markup: a server bug could not put a member's HTML on screen.
/// </summary>
public static class HighlightedText
{
    public readonly record struct Piece(string Text, bool Marked);

    public static IReadOnlyList<Piece> Pieces(string highlight)
    {
        var pieces = new List<Piece>();
        var rest = highlight.AsSpan();
        while (!rest.IsEmpty)
        {
            var start = rest.IndexOf("<mark>", StringComparison.Ordinal);
            if (start < 0)
            {
                Add(pieces, rest, marked: false);
                break;
            }
            Add(pieces, rest[..start], marked: false);
            rest = rest[(start + "<mark>".Length)..];
            var stop = rest.IndexOf("</mark>", StringComparison.Ordinal);
            var inside = stop < 0 ? rest : rest[..stop];
            Add(pieces, inside, marked: true);
            rest = stop < 0 ? [] : rest[(stop + "</mark>".Length)..];
        }
        return pieces;
    }

    static void Add(List<Piece> pieces, ReadOnlySpan<char> html, bool marked)
    {
        if (!html.IsEmpty)
            pieces.Add(new Piece(WebUtility.HtmlDecode(html.ToString()), marked));
    }
}
