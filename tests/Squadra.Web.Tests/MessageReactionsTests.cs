using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class MessageReactionsTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    static string ReactionPath(string emoji) => $"{MessagesPath}/m-1/reactions/{Uri.EscapeDataString(emoji)}";

    [Fact]
    public async Task ChipsShowEachEmojiWithItsCountPressedWhereIReactedAndNameWhoDid()
    {
        var pane = await RenderPaneAsync(Message(1, Bob, 1, ("👍", [Bob.Id, Alice.Id]), ("🎉", [Carol.Id])));

        var chips = pane.FindAll("[data-testid=reaction]");
        Assert.Equal([("👍", "2", "true"), ("🎉", "1", "false")],
            chips.Select(c => (c.GetAttribute("data-emoji"), c.QuerySelector("[data-testid=reaction-count]")!.TextContent, c.GetAttribute("aria-pressed"))));
        Assert.Equal("Bob Dylan and you reacted with 👍", chips[0].GetAttribute("title"));
        Assert.Equal(": Bob Dylan and you reacted with 👍", chips[0].QuerySelector("[data-testid=reaction-who]")!.TextContent);
        Assert.Equal("Carol King reacted with 🎉", chips[1].GetAttribute("title"));
    }

    [Fact]
    public async Task ClickingAChipTogglesMyReactionAndShowsTheAnswer()
    {
        var pane = await RenderPaneAsync(Message(1, Bob, 1, ("👍", [Bob.Id])));
        Api.Answer(HttpMethod.Put, ReactionPath("👍"), HttpStatusCode.OK, Message(1, Bob, 2, ("👍", [Bob.Id, Alice.Id])));

        pane.Find("[data-testid=reaction]").Click();

        pane.WaitForAssertion(() => Assert.Equal("2", pane.Find("[data-testid=reaction-count]").TextContent));
        Assert.Equal("true", pane.Find("[data-testid=reaction]").GetAttribute("aria-pressed"));
        Api.Answer(HttpMethod.Delete, ReactionPath("👍"), HttpStatusCode.OK, Message(1, Bob, 3, ("👍", [Bob.Id])));

        pane.Find("[data-testid=reaction]").Click();

        pane.WaitForAssertion(() => Assert.Equal("false", pane.Find("[data-testid=reaction]").GetAttribute("aria-pressed")));
        Assert.Equal("1", pane.Find("[data-testid=reaction-count]").TextContent);
        Assert.Single(Api.To(HttpMethod.Put, ReactionPath("👍")));
        Assert.Single(Api.To(HttpMethod.Delete, ReactionPath("👍")));
    }

    [Fact]
    public async Task ThePickerOpensClosesWithEscapeAndAddsTheEmojiPicked()
    {
        var pane = await RenderPaneAsync(Message(1, Bob, 0));
        Assert.Empty(pane.FindAll("[data-testid=reaction]"));

        pane.Find("[data-testid=add-reaction]").Click();
        Assert.Equal(10, pane.FindAll("[data-testid=reaction-choice]").Count);
        pane.Find("[data-testid=reaction-picker]").KeyDown(Key.Escape);
        Assert.Empty(pane.FindAll("[data-testid=reaction-picker]"));
        Assert.Equal("false", pane.Find("[data-testid=add-reaction]").GetAttribute("aria-expanded"));

        Api.Answer(HttpMethod.Put, ReactionPath("🎉"), HttpStatusCode.OK, Message(1, Bob, 1, ("🎉", [Alice.Id])));
        pane.Find("[data-testid=add-reaction]").Click();
        pane.Find("[data-testid=reaction-choice][data-emoji=🎉]").Click();

        pane.WaitForAssertion(() => Assert.Equal("🎉", pane.Find("[data-testid=reaction]").GetAttribute("data-emoji")));
        Assert.Empty(pane.FindAll("[data-testid=reaction-picker]"));
    }

    [Fact]
    public async Task APushedReactionShowsLiveAndAnOlderAnswerDoesNotUndoIt()
    {
        var pane = await RenderPaneAsync(Message(1, Bob, 0));
        var answer = new TaskCompletionSource<HttpResponseMessage>();
        Api.AnswerLater(HttpMethod.Put, ReactionPath("👍"), () => answer.Task);

        pane.Find("[data-testid=add-reaction]").Click();
        pane.Find("[data-testid=reaction-choice][data-emoji=👍]").Click();
        await Realtime.PushMessageUpdatedAsync(Message(1, Bob, 2, ("👍", [Alice.Id, Carol.Id])));
        pane.WaitForAssertion(() => Assert.Equal("2", pane.Find("[data-testid=reaction-count]").TextContent));
        answer.SetResult(FakeApi.Response(HttpStatusCode.OK, Message(1, Bob, 1, ("👍", [Alice.Id]))));
        await Task.Delay(50);

        pane.WaitForAssertion(() => Assert.Equal("2", pane.Find("[data-testid=reaction-count]").TextContent));
    }

    [Fact]
    public async Task ADeletedMessageShowsNoReactions()
    {
        var pane = await RenderPaneAsync(Message(1, Bob, 1, ("👍", [Bob.Id])) with { Deleted = true, Body = "" });

        Assert.Empty(pane.FindAll("[data-testid=reactions]"));
    }

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync(params MessageDto[] newest)
    {
        await SignInAsync(Alice);
        var names = Services.GetRequiredService<KnownNames>();
        names.Learn(Bob);
        names.Learn(Carol);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, newest);
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[role=status]")));
        return pane;
    }

    static MessageDto Message(long seq, UserDto author, long revision, params (string Emoji, string[] UserIds)[] reactions) =>
        new($"m-{seq}", "t-1", seq, author, $"message {seq}", DateTimeOffset.UtcNow, null, false)
        {
            Revision = revision,
            Reactions = [.. reactions.Select(r => new ReactionDto(r.Emoji, r.UserIds))],
        };
}
