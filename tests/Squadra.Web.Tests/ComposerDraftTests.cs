using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>Text typed and not sent waits in its composer (ComposerDrafts): the chat's and each thread's.</summary>
public sealed class ComposerDraftTests : SquadraTestContext
{
    const string TeamMessages = "/api/teams/t-1/messages";
    const string DmMessages = "/api/dms/d-1/messages";

    [Fact]
    public async Task TextLeftInAChatsComposerIsThereWhenTheUserComesBackAndOnlyInThatChat()
    {
        await SignInAsync(Alice);
        var team = RenderChat(ChatKey.Team("t-1"), TeamMessages);
        team.Find("#messageBody").Input("half a thought");
        await DisposeComponentsAsync();

        var dm = RenderChat(ChatKey.Dm("d-1"), DmMessages);
        Assert.Equal("", Composer(dm));
        await DisposeComponentsAsync();
        var back = RenderChat(ChatKey.Team("t-1"), TeamMessages);

        Assert.Equal("half a thought", Composer(back));
        Assert.Equal(ComposerDrafts.Get(ChatKey.Team("t-1")), Composer(back));
    }

    [Fact]
    public async Task ASentOrErasedDraftIsGone()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, TeamMessages, HttpStatusCode.Created, Message(1, "sent", "t-1"));
        var pane = RenderChat(ChatKey.Team("t-1"), TeamMessages);
        pane.Find("#messageBody").Input("sent");
        pane.Find("form.compose").Submit();
        var dm = ChatKey.Dm("d-1");
        ComposerDrafts.Keep(dm, null, "erased soon");
        ComposerDrafts.Keep(dm, null, "  ");
        await DisposeComponentsAsync();

        var back = RenderChat(ChatKey.Team("t-1"), TeamMessages);

        Assert.Equal("", Composer(back));
        Assert.Equal("", ComposerDrafts.Get(dm));
    }

    [Fact]
    public async Task AThreadsReplyDraftWaitsInThatThreadNotInTheChat()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams/t-1/messages/m-1/thread", HttpStatusCode.OK, new[] { Message(1, "root", "t-1") });
        var pane = RenderChat(ChatKey.Team("t-1"), TeamMessages, Message(1, "root", "t-1"));
        pane.Find("[data-testid=reply-in-thread]").Click();
        pane.WaitForAssertion(() => pane.Find("[data-testid=thread-reply-body]"));
        pane.Find("[data-testid=thread-reply-body]").Input("a reply, later");
        pane.Find("[data-testid=close-thread]").Click();

        Assert.Equal("", Composer(pane));
        pane.Find("[data-testid=reply-in-thread]").Click();
        pane.WaitForAssertion(() => Assert.Equal("a reply, later", pane.Find("[data-testid=thread-reply-body]").GetAttribute("value")));
    }

    [Fact]
    public async Task SigningOutForgetsEveryDraft()
    {
        await SignInAsync(Alice);
        var pane = RenderChat(ChatKey.Team("t-1"), TeamMessages);
        pane.Find("#messageBody").Input("not for the next person at this computer");
        await DisposeComponentsAsync();

        await Session.SignOutAsync();

        Assert.Equal("", ComposerDrafts.Get(ChatKey.Team("t-1")));
    }

    [Fact]
    public async Task TheSidebarMarksEachChatWhoseComposerHoldsADraftLive()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[]
            {
                new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 3, Earlier),
                new TeamDto("t-2", "Band", "", TeamRoles.Member, 2, Earlier),
            })
            .AnswerAlways(HttpMethod.Get, "/api/dms", HttpStatusCode.OK, new[] { DmSidebarTests.Dm("d-1", 0, Earlier, Alice, Bob) });
        var sidebar = Render<TeamSidebar>();
        sidebar.WaitForAssertion(() => Assert.Equal(2, sidebar.FindAll("[data-testid=sidebar-team]").Count));
        Assert.Empty(sidebar.FindAll("[data-testid=draft-mark]"));

        ComposerDrafts.Keep(ChatKey.Team("t-2"), null, "later");
        ComposerDrafts.Keep(ChatKey.Dm("d-1"), null, "later too");
        ComposerDrafts.Keep(ChatKey.Team("t-1"), "m-1", "a thread's draft is found in its thread");

        sidebar.WaitForAssertion(() => Assert.Equal(2, sidebar.FindAll("[data-testid=draft-mark]").Count));
        Assert.NotNull(sidebar.FindAll("[data-testid=sidebar-team]")[1].QuerySelector("[data-testid=draft-mark]"));
        Assert.NotNull(sidebar.Find("[data-testid=sidebar-dm]").QuerySelector("[data-testid=draft-mark]"));
        Assert.Equal("draft", sidebar.Find("[data-testid=draft-mark] .visually-hidden").TextContent);

        ComposerDrafts.Keep(ChatKey.Team("t-2"), null, "");

        sidebar.WaitForAssertion(() => Assert.Single(sidebar.FindAll("[data-testid=draft-mark]")));
    }

    ComposerDrafts ComposerDrafts => Services.GetRequiredService<ComposerDrafts>();

    IRenderedComponent<ChatPane> RenderChat(ChatKey chat, string messagesPath, params MessageDto[] newest)
    {
        Api.Answer(HttpMethod.Get, messagesPath, HttpStatusCode.OK, newest);
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, chat).Add(p => p.MyRole, TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[role=status]")));
        return pane;
    }

    static string Composer(IRenderedComponent<ChatPane> pane) => pane.Find("#messageBody").GetAttribute("value") ?? "";

    static MessageDto Message(long seq, string body, string teamId) =>
        new($"m-{seq}", teamId, seq, Alice, body, DateTimeOffset.UtcNow, null, false);
}
