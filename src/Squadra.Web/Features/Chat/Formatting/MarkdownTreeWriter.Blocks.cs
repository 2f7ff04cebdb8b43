using System.Text;
using Markdig.Syntax;

namespace Squadra.Web.Features.Chat.Formatting;

/// <summary>Blocks: paragraphs, modest headings, code blocks, lists, quotes and breaks.</summary>
internal sealed partial class MarkdownTreeWriter
{
    public void WriteBlocks(ContainerBlock container)
    {
        foreach (var block in container)
            Nested(() => WriteBlock(block), () => Text(SourceOf(block)));
    }

    void WriteBlock(Block block)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                Element("p", () => WriteInlines(paragraph.Inline));
                break;
            // A chat message should not shout: a heading is a bold line.
            case HeadingBlock heading:
                Element("p", () => Element("strong", () => WriteInlines(heading.Inline)));
                break;
            // Fenced and indented alike; focusable, as a block that scrolls sideways must be for keyboard users.
            case CodeBlock code:
                Element("pre", () => Element("code", () => Text(LinesOf(code))), "tabindex", "0");
                break;
            case ListBlock { IsOrdered: true } list:
                Element("ol", () => WriteBlocks(list), list.OrderedStart is null or "1" ? null : "start", list.OrderedStart);
                break;
            case ListBlock list:
                Element("ul", () => WriteBlocks(list));
                break;
            case ListItemBlock item:
                Element("li", () => WriteListItem(item));
                break;
            case QuoteBlock quote:
                Element("blockquote", () => WriteBlocks(quote));
                break;
            case ThematicBreakBlock:
                Element("hr");
                break;
            // Anything else with text (raw HTML blocks, were they ever parsed; link reference definitions) shows as typed.
            default:
                Element("p", () => Text(SourceOf(block)));
                break;
        }
    }

    // In a tight list (no blank lines between items) an item's text is not a paragraph, as CommonMark renders it.
    void WriteListItem(ListItemBlock item)
    {
        if (item.Parent is ListBlock { IsLoose: true })
        {
            WriteBlocks(item);
            return;
        }

        foreach (var block in item)
        {
            if (block is ParagraphBlock paragraph)
                WriteInlines(paragraph.Inline);
            else
                Nested(() => WriteBlock(block), () => Text(SourceOf(block)));
        }
    }

    static string LinesOf(LeafBlock block)
    {
        var text = new StringBuilder();
        for (var i = 0; i < block.Lines.Count; i++)
        {
            if (i > 0)
                text.Append('\n');
            text.Append(block.Lines.Lines[i].Slice.ToString());
        }

        return text.ToString();
    }
}
