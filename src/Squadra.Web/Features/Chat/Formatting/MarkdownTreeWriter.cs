using Markdig.Syntax;
using Microsoft.AspNetCore.Components.Rendering;

namespace Squadra.Web.Features.Chat.Formatting;

/// <summary>
/// Writes a parsed message into Blazor's render tree: known nodes as a few plain elements, everything a member typed
/// as text content, which Blazor escapes. A node it does not know, or one nested deeper than a chat message needs,
/// is written as the text it was parsed from, so nothing typed disappears and nothing becomes markup.
/// </summary>
internal sealed partial class MarkdownTreeWriter(RenderTreeBuilder builder, string source, IReadOnlySet<string>? mentions = null)
{
    // 4,000 characters of ">" or "*" would otherwise nest as deep: a deep recursion here and a deep DOM in the page.
    const int MaxDepth = 16;

    int _depth;

    void Element(string name, Action? content = null, string? attribute = null, string? value = null)
    {
        builder.OpenElement(0, name);
        if (attribute is not null)
            builder.AddAttribute(1, attribute, value);
        content?.Invoke();
        builder.CloseElement();
    }

    void Text(string text) => builder.AddContent(2, text);

    /// <summary>Writes a node one level deeper, or, once that is too deep, writes it flat as <paramref name="tooDeep"/>.</summary>
    void Nested(Action write, Action tooDeep)
    {
        if (_depth >= MaxDepth)
        {
            tooDeep();
            return;
        }

        _depth++;
        try
        {
            write();
        }
        finally
        {
            _depth--;
        }
    }

    string SourceOf(MarkdownObject node)
    {
        var start = Math.Clamp(node.Span.Start, 0, source.Length);
        var end = Math.Clamp(node.Span.End + 1, start, source.Length);
        return source[start..end];
    }
}
