namespace Squadra.Web.Tests;

/// <summary>Finding things in a rendered chat pane, for the tests of the chat and of what it shows.</summary>
static class ChatPaneQueries
{
    /// <summary>The row of the message with that seq.</summary>
    public static AngleSharp.Dom.IElement MessageWithSeq(IRenderedComponent<ChatPane> pane, long seq) =>
        pane.FindAll("[data-testid=message]").Single(m => m.GetAttribute("data-seq") == seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
