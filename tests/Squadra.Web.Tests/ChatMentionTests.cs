using System.Net;
using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class ChatMentionTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    static readonly MemberDto[] s_members =
    [
        Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Member), Member(Carol, TeamRoles.Member),
        new("u-4", "benny", "Benjamin Franklin", TeamRoles.Member, DateTimeOffset.UnixEpoch),
    ];

    [Fact]
    public async Task AMentionedMembersNameIsHighlightedAndOnlyTheirs()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Owner,
            Message(1, Bob, "hi @carol and @alice_x, not `@carol` nor @nobody") with { Mentions = ["u-3"] });

        var mentions = pane.FindAll("[data-testid=message] .mention");
        Assert.Equal(["@carol"], mentions.Select(m => m.TextContent));
        Assert.Contains("hi @carol and @alice_x, not @carol nor @nobody", pane.Find(".message-body").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageThatMentionsMeOrEveryoneIsHighlightedForMe()
    {
        var pane = await RenderPaneAsync(Carol, TeamRoles.Member,
            Message(1, Bob, "hey @carol") with { Mentions = ["u-3"] },
            Message(2, Bob, "hey @alice") with { Mentions = ["u-1"] },
            Message(3, Alice, "@all training moved") with { MentionsAll = true },
            Message(4, Bob, "@all from a member"));

        Assert.Equal(["1", "3"], pane.FindAll("[data-testid=message].mentions-me").Select(m => m.GetAttribute("data-seq")));
        Assert.Equal("@all", pane.FindAll("[data-seq='3'] .mention").Single().TextContent);
        Assert.Empty(pane.FindAll("[data-seq='4'] .mention"));
    }

    [Fact]
    public async Task TypingAtAndLettersSuggestsMembersByUsernameOrDisplayNameButNotMe()
    {
        var pane = await RenderPaneAsync(Bob, TeamRoles.Member);

        pane.Find("#messageBody").Input("see you @b");

        Assert.Equal(["Benjamin Franklin|@benny"], Options(pane));
        pane.Find("#messageBody").Input("see you @C");
        Assert.Equal(["Carol King|@carol"], Options(pane));
        pane.Find("#messageBody").Input("see you @al");
        Assert.Equal(["Alice Liddell|@alice"], Options(pane));
        var box = pane.Find("#messageBody");
        Assert.Equal("mention-list-0", box.GetAttribute("aria-activedescendant"));
        Assert.Equal("mention-list", box.GetAttribute("aria-controls"));
        pane.Find("#messageBody").Input("email bob@al");
        Assert.Empty(pane.FindAll("[data-testid=mention-list]"));
    }

    [Fact]
    public async Task OwnersAndAdminsAreOfferedAll()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Owner);

        pane.Find("#messageBody").Input("@a");

        Assert.Equal(["Everyone in the team|@all"], Options(pane));
    }

    [Fact]
    public async Task TheArrowsAndEnterChooseAndTheNameIsInsertedWithASpace()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member);
        var box = pane.Find("#messageBody");
        box.Input("hi @b");
        Assert.Equal(2, Options(pane).Count);

        pane.Find("#messageBody").KeyDown(Key.Down);
        Assert.Equal("mention-list-1", pane.Find("#messageBody").GetAttribute("aria-activedescendant"));
        pane.Find("#messageBody").KeyDown(Key.Enter);

        Assert.Equal("hi @bob ", pane.Find("#messageBody").GetAttribute("value"));
        Assert.Empty(pane.FindAll("[data-testid=mention-list]"));
        Assert.Empty(Api.To(HttpMethod.Post, MessagesPath));
    }

    [Fact]
    public async Task TabChoosesAndAClickChoosesToo()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member);
        pane.Find("#messageBody").Input("@car");
        pane.Find("#messageBody").KeyDown(Key.Tab);
        Assert.Equal("@carol ", pane.Find("#messageBody").GetAttribute("value"));

        pane.Find("#messageBody").Input("@carol and @be");
        pane.Find("[data-testid=mention-option]").Click();
        Assert.Equal("@carol and @benny ", pane.Find("#messageBody").GetAttribute("value"));
    }

    [Fact]
    public async Task EscapeClosesTheListUntilTheDraftChanges()
    {
        var pane = await RenderPaneAsync(Alice, TeamRoles.Member);
        pane.Find("#messageBody").Input("@b");

        pane.Find("#messageBody").KeyDown(Key.Escape);
        Assert.Empty(pane.FindAll("[data-testid=mention-list]"));
        Assert.Null(pane.Find("#messageBody").GetAttribute("aria-activedescendant"));

        pane.Find("#messageBody").Input("@bo");
        Assert.Equal(["Bob Dylan|@bob"], Options(pane));
    }

    static List<string> Options(IRenderedComponent<ChatPane> pane) =>
        [.. pane.FindAll("[data-testid=mention-option]").Select(o => $"{o.QuerySelector(".label")!.TextContent}|{o.QuerySelector(".username")!.TextContent}")];

    async Task<IRenderedComponent<ChatPane>> RenderPaneAsync(UserDto me, string role, params MessageDto[] newest)
    {
        await SignInAsync(me);
        Api.Answer(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, newest);
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, role).Add(p => p.Members, s_members));
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[role=status]")));
        return pane;
    }

    static MessageDto Message(long seq, UserDto author, string body) =>
        new($"m-{seq}", "t-1", seq, author, body, DateTimeOffset.UtcNow, null, false);
}
