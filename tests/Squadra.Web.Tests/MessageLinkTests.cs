using Microsoft.JSInterop;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using static Squadra.Web.Tests.ChatPaneQueries;

namespace Squadra.Web.Tests;

/// <summary>"Copy link" in a message's ⋯ menu: the whole address of the message in its chat, to the clipboard.</summary>
public sealed class MessageLinkTests : SquadraTestContext
{
    const string WriteText = "navigator.clipboard.writeText";

    [Fact]
    public async Task CopyLinkPutsTheChatsAddressAtTheMessageOnTheClipboardAndSaysSo()
    {
        var pane = await RenderTeamChatAsync(Message(1, Bob, "Kit list"), Message(2, Bob, "See you"));

        MessageWithSeq(pane, 2).QuerySelector("[data-testid=message-menu]")!.Click();
        Assert.Equal("Copy link", pane.Find("[data-testid=copy-message-link]").TextContent.Trim());
        pane.Find("[data-testid=copy-message-link]").Click();

        Assert.Equal("http://localhost/teams/t-1?message=2", JSInterop.VerifyInvoke(WriteText).Arguments[0]);
        pane.WaitForAssertion(() => Assert.Equal("Link copied", pane.Find("[data-testid=copy-message-link] [role=status]").TextContent.Trim()));

        // Closed and opened again: ready for another copy.
        MessageWithSeq(pane, 2).QuerySelector("[data-testid=message-menu]")!.Click();
        Assert.Empty(pane.FindAll("[data-testid=copy-message-link]"));
        MessageWithSeq(pane, 2).QuerySelector("[data-testid=message-menu]")!.Click();
        Assert.Equal("Copy link", pane.Find("[data-testid=copy-message-link]").TextContent.Trim());
    }

    [Fact]
    public async Task ABrowserThatRefusesTheClipboardIsSaidToAndTheMenuCloses()
    {
        JSInterop.SetupVoid(WriteText, _ => true).SetException(new JSException("Write permission denied."));
        var pane = await RenderTeamChatAsync(Message(1, Bob, "Kit list"));

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=copy-message-link]").Click();

        pane.WaitForAssertion(() => Assert.Contains("did not let the app copy the link", MessageWithSeq(pane, 1).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal));
        Assert.Empty(pane.FindAll("[data-testid=copy-message-link]"));
    }

    [Fact]
    public void ADmMessagesLinkOpensItsDmAndATeamMessagesItsTeam()
    {
        Assert.Equal("dms/d-9?message=4", MessageLinks.Of(Message(4, Bob, "hi") with { TeamId = null, DmId = "d-9" }));
        Assert.Equal("teams/t-1?message=4", MessageLinks.Of(Message(4, Bob, "hi")));
    }

    static MessageDto Message(long seq, UserDto author, string body) =>
        new($"m-{seq}", "t-1", seq, author, body, DateTimeOffset.UtcNow, null, false);
}
