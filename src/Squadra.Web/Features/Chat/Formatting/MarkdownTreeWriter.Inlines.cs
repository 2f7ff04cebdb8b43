using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax.Inlines;
using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat.Formatting;

/// <summary>Inlines: text, emphasis, code, line breaks and links whose address is safe to follow.</summary>
internal sealed partial class MarkdownTreeWriter
{
    const string LinkRelations = "noopener noreferrer nofollow";

    void WriteInlines(ContainerInline? container)
    {
        if (container is null)
            return;
        // Neighbouring literals are one text: Markdig splits "@ana_b" at the '_' it tried as emphasis.
        var literals = new StringBuilder();
        foreach (var inline in container)
        {
            if (inline is LiteralInline literal && mentions is { Count: > 0 })
            {
                literals.Append(literal.Content.AsSpan());
                continue;
            }
            FlushLiterals(literals);
            Nested(() => WriteInline(inline), () => Text(PlainText(inline)));
        }
        FlushLiterals(literals);
    }

    void FlushLiterals(StringBuilder literals)
    {
        if (literals.Length == 0)
            return;
        TextWithMentions(literals.ToString());
        literals.Clear();
    }

    /// <summary>Text in which each "@name" the message mentions (it names a mentioned member, or a counted "@all") is marked.</summary>
    void TextWithMentions(string text)
    {
        if (mentions is not { Count: > 0 })
        {
            Text(text);
            return;
        }
        var start = 0;
        foreach (Match match in MentionRules.Token().Matches(text))
        {
            if (!mentions.Contains(match.Groups["name"].Value))
                continue;
            Text(text[start..match.Index]);
            Element("span", () => Text(match.Value), "class", "mention");
            start = match.Index + match.Length;
        }
        Text(text[start..]);
    }

    void WriteInline(Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                TextWithMentions(literal.Content.ToString());
                break;
            case EmphasisInline emphasis:
                Element(emphasis.DelimiterCount >= 2 ? "strong" : "em", () => WriteInlines(emphasis));
                break;
            case CodeInline code:
                Element("code", () => Text(code.Content));
                break;
            // Soft breaks too: a chat user's Shift+Enter is a new line, not a space.
            case LineBreakInline:
                Element("br");
                break;
            case LinkInline link:
                WriteLink(link);
                break;
            case AutolinkInline autolink:
                WriteLink(autolink.IsEmail ? $"mailto:{autolink.Url}" : autolink.Url, () => Text(autolink.Url));
                break;
            case HtmlEntityInline entity:
                Text(entity.Transcoded.ToString());
                break;
            // A bracket or star that opened nothing ("[a", "2 * 3"): the character itself, then what followed it.
            case DelimiterInline delimiter:
                Text(delimiter.ToLiteral());
                WriteInlines(delimiter);
                break;
            case ContainerInline container:
                WriteInlines(container);
                break;
            default:
                Text(SourceOf(inline));
                break;
        }
    }

    // An image loads nothing: it is a link to the picture, named by its alt text (or its address when it has none).
    void WriteLink(LinkInline link) =>
        WriteLink(link.Url, link.FirstChild is null ? () => Text(link.Url ?? "") : () => WriteInlines(link));

    void WriteLink(string? address, Action label)
    {
        if (LinkTargets.Href(address) is not { } href)
        {
            label();
            return;
        }

        builder.OpenElement(3, "a");
        builder.AddAttribute(4, "href", href);
        builder.AddAttribute(5, "target", "_blank");
        builder.AddAttribute(6, "rel", LinkRelations);
        label();
        builder.CloseElement();
    }

    /// <summary>The words of an inline and all it holds, without elements; a loop, as it may be thousands deep.</summary>
    string PlainText(Inline root)
    {
        var text = new StringBuilder();
        var pending = new Stack<Inline>([root]);
        while (pending.TryPop(out var inline))
        {
            text.Append(inline switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                AutolinkInline autolink => autolink.Url,
                HtmlEntityInline entity => entity.Transcoded.ToString(),
                DelimiterInline delimiter => delimiter.ToLiteral(),
                LinkInline { FirstChild: null } link => link.Url,
                LineBreakInline => " ",
                ContainerInline => "",
                _ => SourceOf(inline),
            });
            if (inline is ContainerInline container)
            {
                for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
                    pending.Push(child);
            }
        }

        return text.ToString();
    }
}
