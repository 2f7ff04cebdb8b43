using Markdig;
using Markdig.Extensions.AutoLinks;
using Microsoft.AspNetCore.Components;

namespace Squadra.Web.Features.Chat.Formatting;

/// <summary>
/// A message body read as CommonMark and turned into Blazor elements and text. Raw HTML is switched off in the parser
/// (tags stay literal text) and the tree is written by <see cref="MarkdownTreeWriter"/> rather than Markdig's HTML
/// renderer, so nothing a member writes ever reaches the page as markup: there is no MarkupString to get wrong.
/// </summary>
public static class MessageMarkdown
{
    // CommonMark, with bare http(s) and www addresses made links as chat users expect (www ones over https); nothing
    // more exotic. Precise source locations give every inline its span, so a node shown as the text it was parsed
    // from shows exactly that.
    static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks(new AutoLinkOptions { UseHttpsForWWWLinks = true })
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>The body as elements; an "@name" whose name is in <paramref name="mentions"/> is marked as a mention.</summary>
    public static RenderFragment Render(string body, IReadOnlySet<string>? mentions = null)
    {
        try
        {
            var document = Markdown.Parse(body, s_pipeline);
            return builder => new MarkdownTreeWriter(builder, body, mentions).WriteBlocks(document);
        }
        catch (ArgumentException)
        {
            // Markdig refuses input nested beyond its depth limit (thousands of ">" or "["): such a message is shown as
            // the plain text it is, rather than breaking the chat of everyone who sees it.
            return builder =>
            {
                builder.OpenElement(0, "p");
                builder.AddContent(1, body);
                builder.CloseElement();
            };
        }
    }

    /// <summary>
    /// The words a reader sees, without the marks that format them (a one-line excerpt: "**10:00**" reads "10:00"). For
    /// text only, shown as text: raw HTML stays the literal characters it was.
    /// </summary>
    public static string PlainText(string body)
    {
        try
        {
            return Markdown.ToPlainText(body, s_pipeline);
        }
        catch (ArgumentException)
        {
            return body;
        }
    }
}
