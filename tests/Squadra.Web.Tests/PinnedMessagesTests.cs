using System.Net;
using System.Text.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using static Squadra.Web.Tests.ChatPaneQueries;

namespace Squadra.Web.Tests;

/// <summary>Pinned messages: pinned from a message's menu, marked in the chat, listed in the bar over it, kept live (ChatPins).</summary>
public sealed class PinnedMessagesTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    static readonly DateTimeOffset s_pinnedAt = DateTimeOffset.UtcNow;

    static MessageDto Message(long seq, UserDto author, string body) =>
        new($"m-{seq}", "t-1", seq, author, body, DateTimeOffset.UtcNow.AddMinutes(-seq), null, false);

    static MessageDto Pinned(MessageDto message, UserDto by, long revision, int minutesAgo = 0) =>
        message with { PinnedAt = s_pinnedAt.AddMinutes(-minutesAgo), PinnedBy = by.Id, Revision = revision };

    [Fact]
    public async Task PinningFromTheMenuMarksTheMessageForEveryoneAndShowsTheBar()
    {
        var kit = Message(1, Bob, "Kit list: white shirts");
        var pane = await RenderTeamChatAsync(kit);
        Api.Answer(HttpMethod.Put, $"{MessagesPath}/m-1/pinned", HttpStatusCode.OK, Pinned(kit, Alice, 1));
        Assert.Empty(pane.FindAll("[data-testid=pinned-toggle]"));

        pane.Find("[data-testid=message-menu]").Click();
        Assert.Equal("Pin to chat", pane.Find("[data-testid=pin-message]").TextContent.Trim());
        pane.Find("[data-testid=pin-message]").Click();

        pane.WaitForAssertion(() => Assert.Equal("Pinned", pane.Find("[data-testid=message-pinned]").TextContent.Trim()));
        Assert.Equal("Pinned by you", pane.Find("[data-testid=message-pinned]").GetAttribute("title"));
        Assert.Equal("1 pinned", pane.Find("[data-testid=pinned-count]").TextContent.Trim());
        Assert.Contains("Kit list: white shirts", pane.Find("[data-testid=pinned-toggle]").TextContent, StringComparison.Ordinal);
        var sent = Api.To(HttpMethod.Put, $"{MessagesPath}/m-1/pinned").Single();
        Assert.True(JsonSerializer.Deserialize<PinMessageRequest>(Api.BodyOf(sent)!, JsonSerializerOptions.Web)!.Pinned);
        pane.Find("[data-testid=message-menu]").Click();
        Assert.Equal("Unpin", pane.Find("[data-testid=pin-message]").TextContent.Trim());
    }

    [Fact]
    public async Task AnotherMembersPinAndUnpinShowLive()
    {
        var message = Message(1, Bob, "Gate code 4711");
        var pane = await RenderTeamChatAsync(message);

        await Realtime.PushMessageUpdatedAsync(Pinned(message, Bob, 1));

        pane.WaitForAssertion(() => Assert.Equal("1 pinned", pane.Find("[data-testid=pinned-count]").TextContent.Trim()));
        Assert.NotNull(MessageWithSeq(pane, 1).QuerySelector("[data-testid=message-pinned]"));

        await Realtime.PushMessageUpdatedAsync(message with { Revision = 2 });

        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=pinned-toggle]")));
        Assert.Empty(pane.FindAll("[data-testid=message-pinned]"));
    }

    [Fact]
    public async Task TheBarListsThePinsNewestPinnedFirstEachWithALinkToItAndUnpinsOne()
    {
        var schedule = Pinned(Message(7, Bob, "Season schedule"), Bob, 1, minutesAgo: 1);
        var rules = Pinned(Message(3, Carol, "House rules:\nbe on time"), Alice, 1, minutesAgo: 30);
        Api.Answer(HttpMethod.Get, $"{MessagesPath}/pinned", HttpStatusCode.OK, new[] { schedule, rules })
            .Answer(HttpMethod.Put, $"{MessagesPath}/m-7/pinned", HttpStatusCode.OK, schedule with { PinnedAt = null, PinnedBy = null, Revision = 2 });
        var pane = await RenderTeamChatAsync(Message(9, Alice, "latest"));
        pane.WaitForAssertion(() => Assert.Equal("2 pinned", pane.Find("[data-testid=pinned-count]").TextContent.Trim()));
        Assert.Contains("Season schedule", pane.Find("[data-testid=pinned-toggle]").TextContent, StringComparison.Ordinal);

        pane.Find("[data-testid=pinned-toggle]").Click();

        var items = pane.FindAll("[data-testid=pinned-item]");
        Assert.Equal(["Season schedule", "House rules: be on time"], items.Select(i => i.QuerySelector(".excerpt")!.TextContent.Trim()));
        Assert.Equal("teams/t-1?message=7", items[0].QuerySelector("[data-testid=pinned-show]")!.GetAttribute("href"));
        Assert.Equal("Bob Dylan", items[0].QuerySelector(".author")!.TextContent);

        items[0].QuerySelector("[data-testid=pinned-unpin]")!.Click();

        pane.WaitForAssertion(() => Assert.Equal("1 pinned", pane.Find("[data-testid=pinned-count]").TextContent.Trim()));
        Assert.False(JsonSerializer.Deserialize<PinMessageRequest>(Api.BodyOf(Api.To(HttpMethod.Put, $"{MessagesPath}/m-7/pinned").Single())!, JsonSerializerOptions.Web)!.Pinned);
        Assert.Equal(["House rules: be on time"], pane.FindAll("[data-testid=pinned-item] .excerpt").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public async Task ARefusedPinSaysWhyAndMarksNothing()
    {
        var pane = await RenderTeamChatAsync(Message(1, Bob, "one"));
        Api.AnswerProblem(HttpMethod.Put, $"{MessagesPath}/m-1/pinned", HttpStatusCode.Conflict, "A chat keeps at most 50 pinned messages: unpin one first.");

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=pin-message]").Click();

        pane.WaitForAssertion(() => Assert.Contains("at most 50 pinned", MessageWithSeq(pane, 1).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal));
        Assert.Empty(pane.FindAll("[data-testid=message-pinned]"));
        Assert.Empty(pane.FindAll("[data-testid=pinned-toggle]"));
    }

    [Fact]
    public async Task DeletingOnesOwnPinnedMessageTakesItOffTheBarAtOnce()
    {
        var plan = Pinned(Message(1, Alice, "Plan B: the gym"), Alice, 1);
        Api.Answer(HttpMethod.Get, $"{MessagesPath}/pinned", HttpStatusCode.OK, new[] { plan })
            .Answer(HttpMethod.Delete, $"{MessagesPath}/m-1", HttpStatusCode.NoContent);
        var pane = await RenderTeamChatAsync(plan);
        pane.WaitForAssertion(() => Assert.Equal("1 pinned", pane.Find("[data-testid=pinned-count]").TextContent.Trim()));

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=delete-message]").Click();
        pane.Find("[data-testid=delete-message-confirm]").Click();

        // The deletion answers no content: the room's own copy of the message must already say it is no longer pinned.
        pane.WaitForAssertion(() => Assert.Contains("message deleted", MessageWithSeq(pane, 1).TextContent, StringComparison.Ordinal));
        Assert.Empty(pane.FindAll("[data-testid=pinned-toggle]"));
        Assert.Empty(pane.FindAll("[data-testid=message-pinned]"));
    }
}
