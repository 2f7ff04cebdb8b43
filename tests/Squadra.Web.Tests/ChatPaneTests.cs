using System.Net;
using System.Text.Json;
using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;
using static Squadra.Web.Tests.ChatPaneQueries;

namespace Squadra.Web.Tests;

public sealed class ChatPaneTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    [Fact]
    public async Task TheNewestPageIsShownInSeqOrder()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(9, Bob), Message(10, Carol));

        Assert.Equal(["9", "10"], Seqs(pane));
        var query = Query(Api.To(HttpMethod.Get, MessagesPath).Single());
        Assert.Equal("50", query["limit"]);
        Assert.False(query.ContainsKey("after") || query.ContainsKey("before"));
        Assert.NotNull(pane.Find("[data-testid=load-older]"));
    }

    [Fact]
    public async Task MessageTextIsShownAsTextAndOnlyWebAddressesBecomeLinks()
    {
        var body = "<img src=x onerror=alert(1)> see https://example.com/a?b=1. or javascript:alert(1)";
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Bob, body));

        var text = pane.Find("[data-testid=message] .message-body");
        Assert.Empty(text.QuerySelectorAll("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", text.TextContent, StringComparison.Ordinal);
        var link = text.QuerySelectorAll("a").Single();
        Assert.Equal("https://example.com/a?b=1", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public async Task APushedMessageAppearsLiveAndOnePastAHoleFetchesWhatIsMissing()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Bob));

        await Realtime.PushMessageAsync(Message(2, Bob));
        pane.WaitForAssertion(() => Assert.Equal(["1", "2"], Seqs(pane)));

        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, new[] { Message(3, Carol), Message(4, Bob) });
        await Realtime.PushMessageAsync(Message(4, Bob));

        pane.WaitForAssertion(() => Assert.Equal(["1", "2", "3", "4"], Seqs(pane)));
        Assert.Equal("2", Query(Api.To(HttpMethod.Get, MessagesPath)[^1])["after"]);
    }

    [Fact]
    public async Task AfterAReconnectItAsksForWhatCameAfterTheLastSeqShownAndWhatChangedAfterTheLastChangeSeen()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Bob) with { ChangeSeq = 4 }, Message(2, Bob) with { ChangeSeq = 2 });
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, new[] { Message(3, Carol) with { ChangeSeq = 5 } });

        await Realtime.ConnectAsync();

        pane.WaitForAssertion(() => Assert.Equal(["1", "2", "3"], Seqs(pane)));
        var catchUps = Api.To(HttpMethod.Get, MessagesPath).Skip(1).Select(Query).ToList();
        Assert.Contains(catchUps, query => query.GetValueOrDefault("after") == "2");
        Assert.Contains(catchUps, query => query.GetValueOrDefault("changedAfter") == "4");
    }

    [Fact]
    public async Task AReconnectingConnectionIsShownInThePane()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member);

        Realtime.Drop();

        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=chat-reconnecting]")));
    }

    [Fact]
    public async Task AnOwnMessageIsPendingUntilThePostAnswersAndThenShownOnceEvenWhenItsPushFollows()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Bob));
        var answer = new TaskCompletionSource<HttpResponseMessage>();
        Api.AnswerLater(HttpMethod.Post, MessagesPath, () => answer.Task);

        Send(pane, "  hello team  ");

        pane.WaitForAssertion(() => Assert.Contains("hello team", pane.Find("[data-testid=message-pending]").TextContent, StringComparison.Ordinal));
        Assert.Equal("", pane.Find("#messageBody").GetAttribute("value") ?? "");
        var post = Api.To(HttpMethod.Post, MessagesPath).Single();
        Assert.False(string.IsNullOrEmpty(post.Headers.GetValues("Idempotency-Key").Single()));
        Assert.Equal("hello team", JsonSerializer.Deserialize<PostMessageRequest>(Api.BodyOf(post)!, JsonSerializerOptions.Web)!.Body);

        answer.SetResult(Created(Message(2, Alice, "hello team")));
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=message-pending]")));
        await Realtime.PushMessageAsync(Message(2, Alice, "hello team"));

        pane.WaitForAssertion(() => Assert.Equal(["1", "2"], Seqs(pane)));
    }

    [Fact]
    public async Task WhenThePushComesBeforeThePostsAnswerTheMessageIsStillShownOnce()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member);
        var answer = new TaskCompletionSource<HttpResponseMessage>();
        Api.AnswerLater(HttpMethod.Post, MessagesPath, () => answer.Task);
        Send(pane, "first!");
        pane.WaitForAssertion(() => Assert.Single(pane.FindAll("[data-testid=message-pending]")));

        await Realtime.PushMessageAsync(Message(1, Alice, "first!"));

        pane.WaitForAssertion(() => Assert.Equal(["1"], Seqs(pane)));
        Assert.Empty(pane.FindAll("[data-testid=message-pending]"));

        answer.SetResult(Created(Message(1, Alice, "first!")));
        await Task.Delay(50);
        pane.WaitForAssertion(() => Assert.Equal(["1"], Seqs(pane)));
        Assert.Empty(pane.FindAll("[data-testid=message-pending]"));
    }

    [Fact]
    public async Task AMessageThatCouldNotBeSentIsTriedAgainWithTheSameKey()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member);
        Api.AnswerProblem(HttpMethod.Post, MessagesPath, HttpStatusCode.BadGateway, "down")
            .AnswerProblem(HttpMethod.Post, MessagesPath, HttpStatusCode.BadGateway, "down")
            .AnswerProblem(HttpMethod.Post, MessagesPath, HttpStatusCode.BadGateway, "down");

        Send(pane, "are you there?");

        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=retry-message]")), TimeSpan.FromSeconds(10));
        Api.Answer(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, Message(1, Alice, "are you there?"));
        pane.Find("[data-testid=retry-message]").Click();

        pane.WaitForAssertion(() => Assert.Equal(["1"], Seqs(pane)));
        Assert.Single(Api.To(HttpMethod.Post, MessagesPath).Select(r => r.Headers.GetValues("Idempotency-Key").Single()).Distinct());
    }

    [Fact]
    public async Task TheAuthorEditsTheirMessageAndEveryoneSeesTheEditLive()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Alice, "helo"), Message(2, Bob));
        Api.Answer(HttpMethod.Patch, $"{MessagesPath}/m-1", HttpStatusCode.OK, Message(1, Alice, "hello") with { EditedAt = DateTimeOffset.UtcNow });

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=edit-message]").Click();
        pane.Find("[data-testid=edit-body]").Input("hello");
        pane.Find("[data-testid=save-edit]").Click();

        pane.WaitForAssertion(() => Assert.Contains("hello", MessageWithSeq(pane, 1).TextContent, StringComparison.Ordinal));
        Assert.NotNull(MessageWithSeq(pane, 1).QuerySelector("[data-testid=message-edited]"));

        await Realtime.PushMessageUpdatedAsync(Message(2, Bob, "changed by Bob") with { EditedAt = DateTimeOffset.UtcNow });

        pane.WaitForAssertion(() => Assert.Contains("changed by Bob", MessageWithSeq(pane, 2).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAuthorsNextMessageAMomentLaterIsShownWithoutTheirAvatarAndNameAgain()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Bob), Message(2, Bob), Message(3, Alice));

        Assert.Equal([false, true, false], pane.FindAll("[data-testid=message]").Select(m => m.ClassList.Contains("continued")));
        var continued = MessageWithSeq(pane, 2);
        Assert.Null(continued.QuerySelector(".avatar"));
        // Still said to screen readers.
        Assert.Contains("visually-hidden", continued.QuerySelector(".author")!.ClassList);
        Assert.Equal(Bob.DisplayName, continued.QuerySelector(".author")!.TextContent);
    }

    [Fact]
    public async Task ADeletedMessageStaysAsMessageDeleted()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Alice, "oops"));
        Api.Answer(HttpMethod.Delete, $"{MessagesPath}/m-1", HttpStatusCode.NoContent);

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=delete-message]").Click();
        pane.Find("[data-testid=delete-message-confirm]").Click();

        pane.WaitForAssertion(() => Assert.Contains("message deleted", MessageWithSeq(pane, 1).TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("oops", pane.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminMayDeleteOthersMessagesButAMemberMayNot()
    {
        var asAdmin = await RenderPaneAsync(Alice, TeamRoles.Admin, Message(1, Bob));
        asAdmin.Find("[data-testid=message-menu]").Click();
        Assert.NotNull(asAdmin.Find("[data-testid=delete-message]"));
        Assert.Empty(asAdmin.FindAll("[data-testid=edit-message]"));
    }

    [Fact]
    public async Task AMemberMayNotDeleteOthersMessages()
    {
        var asMember = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Bob));

        // Their menu offers saving alone.
        asMember.Find("[data-testid=message-menu]").Click();
        Assert.NotNull(asMember.Find("[data-testid=save-message]"));
        Assert.Empty(asMember.FindAll("[data-testid=delete-message]"));
        Assert.Empty(asMember.FindAll("[data-testid=edit-message]"));
    }

    [Fact]
    public async Task OlderMessagesAreReadBeforeTheOldestShown()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(51, Bob), Message(52, Bob));
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, new[] { Message(50, Carol) });

        pane.Find("[data-testid=load-older]").Click();

        pane.WaitForAssertion(() => Assert.Equal(["50", "51", "52"], Seqs(pane)));
        Assert.Equal("51", Query(Api.To(HttpMethod.Get, MessagesPath)[^1])["before"]);
    }

    [Fact]
    public async Task OpenedAtAMessageItLoadsOlderPagesUntilItIsThereAndShowsIt()
    {
        var chat = JSInterop.SetupModule("./js/chat.js");
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, new[] { Message(51, Bob), Message(52, Bob) })
            .Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, Enumerable.Range(31, 20).Select(seq => Message(seq, Carol)).ToArray())
            .Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, Enumerable.Range(19, 12).Select(seq => Message(seq, Bob)).ToArray());

        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member)
            .Add(p => p.ShowSeq, 20L));

        pane.WaitForAssertion(() => Assert.Contains(chat.Invocations, call => call.Identifier == "showMessage" && Equals(call.Arguments[1], 20L)));
        Assert.Equal(Enumerable.Range(19, 34).Select(seq => seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), Seqs(pane));
        Assert.Equal(["51", "31"], Api.To(HttpMethod.Get, MessagesPath).Skip(1).Select(r => Query(r)["before"]));
    }

    [Fact]
    public async Task ALineSaysNewMessagesAboveTheFirstMessageOfOthersAfterWhatWasReadOnAnyDevice()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, 5, Message(5, Bob), Message(6, Bob), Message(7, Bob));

        var line = pane.Find("[data-testid=new-messages-line]");
        Assert.Equal("New messages", line.TextContent);
        Assert.Equal("6", line.NextElementSibling!.GetAttribute("data-seq"));
        // The line starts a group of its own.
        Assert.DoesNotContain("continued", MessageWithSeq(pane, 6).ClassList);
        Assert.Contains("continued", MessageWithSeq(pane, 7).ClassList);
    }

    [Fact]
    public async Task NoLineWhenEverythingWasRead()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, 2, Message(1, Bob), Message(2, Bob));

        Assert.Empty(pane.FindAll("[data-testid=new-messages-line]"));
    }

    [Fact]
    public async Task NoLineWhenWhatCameSinceIsOnesOwn()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, 1, Message(1, Bob), Message(2, Alice));

        Assert.Empty(pane.FindAll("[data-testid=new-messages-line]"));
    }

    [Fact]
    public async Task ScrolledAwayFromTheNewestAButtonCountsWhatArrivesAndGoesWhenBack()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member, Message(1, Bob));
        Assert.Empty(pane.FindAll("[data-testid=jump-to-newest]"));

        await pane.InvokeAsync(() => pane.Instance.NewestInView(false));
        Assert.Contains("Latest messages", pane.Find("[data-testid=jump-to-newest]").TextContent, StringComparison.Ordinal);
        await Realtime.PushMessageAsync(Message(2, Bob));
        await Realtime.PushMessageAsync(Message(3, Carol));

        pane.WaitForAssertion(() => Assert.Contains("2 new messages", pane.Find("[data-testid=jump-to-newest]").TextContent, StringComparison.Ordinal));
        await pane.InvokeAsync(() => pane.Instance.NewestInView(true));
        Assert.Empty(pane.FindAll("[data-testid=jump-to-newest]"));
    }

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync(UserDto me, string role, params MessageDto[] newest) =>
        await RenderPaneAsync(me, role, 0, newest);

    /// <param name="lastReadSeq">How far the user had read the chat, on any device, as the page's team says.</param>
    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync(UserDto me, string role, long lastReadSeq, params MessageDto[] newest)
    {
        await SignInAsync(me);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, newest);
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, role).Add(p => p.LastReadSeq, lastReadSeq));
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[role=status]")));
        return pane;
    }

    static void Send(IRenderedComponent<ChatPane> pane, string text)
    {
        pane.Find("#messageBody").Input(text);
        pane.Find("form.compose").Submit();
    }

    static HttpResponseMessage Created(MessageDto message) => FakeApi.Response(HttpStatusCode.Created, message);

    static List<string?> Seqs(IRenderedComponent<ChatPane> pane) => [.. pane.FindAll("[data-testid=message]").Select(m => m.GetAttribute("data-seq"))];

    static Dictionary<string, string> Query(HttpRequestMessage request) =>
        request.RequestUri!.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=')).ToDictionary(p => p[0], p => p[1]);

    static MessageDto Message(long seq, UserDto author, string? body = null) =>
        new($"m-{seq}", "t-1", seq, author, body ?? $"message {seq}", DateTimeOffset.UtcNow, null, false);
}
