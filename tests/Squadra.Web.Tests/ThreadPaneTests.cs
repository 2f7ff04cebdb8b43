using System.Net;
using System.Text.Json;
using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class ThreadPaneTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";
    const string ThreadPath = "/api/teams/t-1/messages/m-1/thread";

    [Fact]
    public async Task RepliesStayOutOfTheTimelineAndTheirRootSaysHowMany()
    {
        var pane = await RenderPaneAsync(Message(1, Bob) with { ReplyCount = 1, LastReplyAt = Earlier }, Reply(2, Carol), Message(3, Bob));

        Assert.Equal(["1", "3"], Seqs(pane));
        Assert.Equal("1 reply", pane.Find("[data-testid=thread-summary] .count").TextContent);
        Assert.Empty(pane.FindAll("[data-testid=thread-pane]"));
    }

    [Fact]
    public async Task APushedReplyIsCountedLiveButNotShownInTheTimeline()
    {
        var pane = await RenderPaneAsync(Message(1, Bob));

        await Realtime.PushMessageAsync(Reply(2, Carol));
        await Realtime.PushMessageUpdatedAsync(Message(1, Bob) with { ReplyCount = 1, LastReplyAt = DateTimeOffset.UtcNow, Revision = 1 });

        pane.WaitForAssertion(() => Assert.Equal("1 reply", pane.Find("[data-testid=thread-summary] .count").TextContent));
        Assert.Equal(["1"], Seqs(pane));
    }

    [Fact]
    public async Task TheSummaryOpensTheThreadWhichShowsRepliesAsTheyArriveAndItsCloseButtonClosesIt()
    {
        var root = Message(1, Bob) with { ReplyCount = 1, LastReplyAt = Earlier };
        var pane = await RenderPaneAsync(root, Reply(2, Carol));
        Api.Answer(HttpMethod.Get, ThreadPath, HttpStatusCode.OK, new[] { root, Reply(2, Carol) });

        pane.Find("[data-testid=thread-summary]").Click();

        pane.WaitForAssertion(() => Assert.Equal(["1", "2"], ThreadSeqs(pane)));
        Assert.Equal("1 reply", pane.Find("[data-testid=thread-reply-count]").TextContent.Trim());
        await Realtime.PushMessageAsync(Reply(3, Bob));
        pane.WaitForAssertion(() => Assert.Equal(["1", "2", "3"], ThreadSeqs(pane)));
        Assert.Equal(["1"], Seqs(pane));

        pane.Find("[data-testid=close-thread]").Click();
        Assert.Empty(pane.FindAll("[data-testid=thread-pane]"));
    }

    [Fact]
    public async Task AReplyIsPendingThenPostedWithItsRootAndAnIdempotencyKey()
    {
        var pane = await RenderPaneAsync(Message(1, Bob));
        Api.Answer(HttpMethod.Get, ThreadPath, HttpStatusCode.OK, new[] { Message(1, Bob) });
        var answer = new TaskCompletionSource<HttpResponseMessage>();
        Api.AnswerLater(HttpMethod.Post, MessagesPath, () => answer.Task);
        pane.Find("[data-testid=reply-in-thread]").Click();
        pane.WaitForAssertion(() => Assert.Equal(["1"], ThreadSeqs(pane)));

        pane.Find("[data-testid=thread-reply-body]").Input("on my way");
        pane.Find("[data-testid=thread-pane] form.compose").Submit();

        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=thread-pane] [data-testid=message-pending]")));
        var post = Api.To(HttpMethod.Post, MessagesPath).Single();
        var sent = JsonSerializer.Deserialize<PostMessageRequest>(Api.BodyOf(post)!, JsonSerializerOptions.Web)!;
        Assert.Equal(new PostMessageRequest("on my way", "m-1"), sent);
        Assert.True(post.Headers.Contains("Idempotency-Key"));
        answer.SetResult(FakeApi.Response(HttpStatusCode.Created, Reply(2, Alice, "on my way")));
        pane.WaitForAssertion(() => Assert.Equal(["1", "2"], ThreadSeqs(pane)));
        Assert.Empty(pane.FindAll("[data-testid=message-pending]"));
        Assert.Equal(["1"], Seqs(pane));
    }

    [Fact]
    public async Task TheThreadsComposerSuggestsMembersToMention()
    {
        var pane = await RenderPaneAsync(Message(1, Bob));
        Api.Answer(HttpMethod.Get, ThreadPath, HttpStatusCode.OK, new[] { Message(1, Bob) });
        pane.Find("[data-testid=reply-in-thread]").Click();
        pane.WaitForAssertion(() => Assert.Equal(["1"], ThreadSeqs(pane)));

        pane.Find("[data-testid=thread-reply-body]").Input("thanks @bo");

        var option = pane.Find("#thread-mention-list [data-testid=mention-option]");
        Assert.Contains("@bob", option.TextContent, StringComparison.Ordinal);
        option.Click();
        Assert.Equal("thanks @bob ", pane.Find("[data-testid=thread-reply-body]").GetAttribute("value"));
    }

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync(params MessageDto[] newest)
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, newest);
        MemberDto[] members = [Member(Alice, TeamRoles.Member), Member(Bob, TeamRoles.Owner), Member(Carol, TeamRoles.Member)];
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member).Add(p => p.Members, members));
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[role=status]")));
        return pane;
    }

    static List<string?> Seqs(IRenderedComponent<ChatPane> pane) =>
        [.. pane.FindAll("[data-testid=chat-pane] [data-testid=message]").Select(m => m.GetAttribute("data-seq"))];

    static List<string?> ThreadSeqs(IRenderedComponent<ChatPane> pane) =>
        [.. pane.FindAll("[data-testid=thread-pane] [data-testid=message]").Select(m => m.GetAttribute("data-seq"))];

    static MessageDto Message(long seq, UserDto author, string? body = null) =>
        new($"m-{seq}", "t-1", seq, author, body ?? $"message {seq}", DateTimeOffset.UtcNow, null, false);

    static MessageDto Reply(long seq, UserDto author, string? body = null) => Message(seq, author, body) with { ThreadRootId = "m-1" };
}
