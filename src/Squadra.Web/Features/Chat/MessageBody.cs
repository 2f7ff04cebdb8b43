using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Squadra.Web.Features.Chat;

/// <summary>
/// A message's text with its web links clickable. Every run is added as text, which Blazor escapes: nothing a member
/// writes reaches the page as markup. Built in code so no stray whitespace lands in the pre-wrapped paragraph.
/// </summary>
public sealed class MessageBody : ComponentBase
{
    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "class", "message-body");
        foreach (var run in MessageText.Split(Text))
        {
            if (run.Href is null)
            {
                builder.AddContent(2, run.Text);
                continue;
            }

            builder.OpenElement(3, "a");
            builder.AddAttribute(4, "href", run.Href);
            builder.AddAttribute(5, "target", "_blank");
            builder.AddAttribute(6, "rel", "noopener noreferrer nofollow");
            builder.AddContent(7, run.Text);
            builder.CloseElement();
        }

        builder.CloseElement();
    }
}
