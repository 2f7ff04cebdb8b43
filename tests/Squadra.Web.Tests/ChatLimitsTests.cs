using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;

namespace Squadra.Web.Tests;

/// <summary>Issue 22: text over the limit was cut silently; editing did not start in the text box.</summary>
public sealed partial class ChatLimitsTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    [Fact]
    public async Task NearTheLimitTheComposerCountsAndOverItRefusesToSendSayingWhy()
    {
        var pane = await RenderTeamChatAsync(Message(1, Bob));
        var input = pane.Find("#messageBody");
        // The browser cut pasted text at maxlength without a word.
        Assert.False(input.HasAttribute("maxlength"));
        Assert.Empty(pane.FindAll("[data-testid=compose-count]"));

        input.Input(new string('a', 3950));
        Assert.Equal("3,950 / 4,000", Text(pane.Find("[data-testid=compose-count]")));

        pane.Find("#messageBody").Input(new string('a', 4012));
        pane.Find("form.compose").Submit();

        Assert.Equal("4,012 / 4,000 · 12 too many", Text(pane.Find("[data-testid=compose-count]")));
        Assert.Equal("This message is 4,012 characters; the most is 4,000. Shorten it by 12 to send it.", Text(pane.Find(".draft-error")));
        Assert.Empty(Api.To(HttpMethod.Post, MessagesPath));
        Assert.Equal(4012, pane.Find("#messageBody").GetAttribute("value")!.Length);
    }

    [Fact]
    public async Task TheEditorCountsTooAndRefusesAnEditOverTheLimit()
    {
        var pane = await RenderTeamChatAsync(Message(1, Alice));
        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=edit-message]").Click();
        Assert.False(pane.Find("[data-testid=edit-body]").HasAttribute("maxlength"));

        pane.Find("[data-testid=edit-body]").Input(new string('b', 4001));
        pane.Find("[data-testid=save-edit]").Click();

        Assert.Equal("4,001 / 4,000 · 1 too many", Text(pane.Find("[data-testid=edit-count]")));
        Assert.Contains("Shorten it by 1 to send it.", Text(pane.Find("[data-testid=message] [role=alert]")), StringComparison.Ordinal);
        Assert.Empty(Api.To(HttpMethod.Patch, $"{MessagesPath}/m-1"));
    }

    [Fact]
    public async Task EditPutsFocusInTheEditor()
    {
        var pane = await RenderTeamChatAsync(Message(1, Alice));

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=edit-message]").Click();

        var editor = pane.Find("[data-testid=edit-body]");
        var focused = JSInterop.Invocations.Where(call => call.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(call => ((ElementReference)call.Arguments[0]!).Id);
        Assert.Equal(editor.GetAttribute("blazor:elementReference"), Assert.Single(focused));
    }


    static string Text(AngleSharp.Dom.IElement element) => Spaces().Replace(element.TextContent, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    static MessageDto Message(long seq, UserDto author) =>
        new($"m-{seq}", "t-1", seq, author, $"message {seq}", DateTimeOffset.UtcNow, null, false);
}
