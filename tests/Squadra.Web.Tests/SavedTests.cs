using System.Net;
using System.Text.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Saved;
using Squadra.Web.Features.Saved;
using static Squadra.Web.Tests.ChatPaneQueries;

namespace Squadra.Web.Tests;

/// <summary>Saved messages (SavedMessages): saved from a message's menu, marked in the chat, listed on the Saved page, kept in step with the user's other devices.</summary>
public sealed class SavedTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    [Fact]
    public async Task SavingFromTheMenuMarksTheMessageAndTheMenuThenOffersToRemoveIt()
    {
        var pane = await RenderTeamChatAsync(Message(1, Bob, "Kit list"));
        Api.Answer(HttpMethod.Put, $"{MessagesPath}/m-1/saved", HttpStatusCode.NoContent)
            .Answer(HttpMethod.Put, $"{MessagesPath}/m-1/saved", HttpStatusCode.NoContent);
        Assert.Empty(pane.FindAll("[data-testid=message-saved]"));

        pane.Find("[data-testid=message-menu]").Click();
        Assert.Equal("Save", pane.Find("[data-testid=save-message]").TextContent.Trim());
        pane.Find("[data-testid=save-message]").Click();

        pane.WaitForAssertion(() => Assert.Equal("Saved", pane.Find("[data-testid=message-saved]").TextContent.Trim()));
        Assert.True(SentSaved(0));
        pane.Find("[data-testid=message-menu]").Click();
        Assert.Equal("Remove from saved", pane.Find("[data-testid=save-message]").TextContent.Trim());
        pane.Find("[data-testid=save-message]").Click();

        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=message-saved]")));
        Assert.False(SentSaved(1));
    }

    [Fact]
    public async Task WhatAnotherDeviceSavesOrRemovesShowsLive()
    {
        var pane = await RenderTeamChatAsync(Message(1, Bob, "one"), Message(2, Bob, "two"));

        await Realtime.PushSaveAsync(new MessageSavedPush("m-2", true));

        pane.WaitForAssertion(() => Assert.NotNull(MessageWithSeq(pane, 2).QuerySelector("[data-testid=message-saved]")));
        Assert.Null(MessageWithSeq(pane, 1).QuerySelector("[data-testid=message-saved]"));

        await Realtime.PushSaveAsync(new MessageSavedPush("m-2", false));

        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=message-saved]")));
    }

    [Fact]
    public async Task ARefusedSaveSaysWhyAndMarksNothing()
    {
        var pane = await RenderTeamChatAsync(Message(1, Bob, "one"));
        Api.AnswerProblem(HttpMethod.Put, $"{MessagesPath}/m-1/saved", HttpStatusCode.Conflict, "At most 1000 messages stay saved: remove some first.");

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=save-message]").Click();

        pane.WaitForAssertion(() => Assert.Contains("At most 1000 messages", MessageWithSeq(pane, 1).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal));
        Assert.Empty(pane.FindAll("[data-testid=message-saved]"));
    }

    [Fact]
    public async Task TheSavedPageListsEachWithALinkToItInItsChatAndRemovesOne()
    {
        await SignInAsync(Alice);
        var now = DateTimeOffset.UtcNow;
        Api.Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, new[]
        {
            new SavedMessageDto(Message(7, Bob, "Gate code **4711**"), "Band", now),
            new SavedMessageDto(Message(3, Carol, "Bring water"), "Band", now.AddMinutes(-5)),
        }).Answer(HttpMethod.Put, $"{MessagesPath}/m-7/saved", HttpStatusCode.NoContent);

        var page = Render<SavedPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=saved-item]").Count));
        var first = page.FindAll("[data-testid=saved-item]")[0];
        Assert.Equal("teams/t-1?message=7", first.QuerySelector("a.where")?.GetAttribute("href"));
        Assert.Equal("Band", first.QuerySelector("a.where")?.TextContent);
        Assert.Equal("4711", first.QuerySelector(".message-body strong")?.TextContent);
        Assert.Equal("Bob Dylan", first.QuerySelector(".author")?.TextContent);
        Assert.Contains("from saved: Gate code **4711**", first.QuerySelector("[data-testid=unsave]")?.TextContent, StringComparison.Ordinal);

        first.QuerySelector("[data-testid=unsave]")!.Click();

        page.WaitForAssertion(() => Assert.Equal(["Bring water"], page.FindAll("[data-testid=saved-item] .message-body").Select(b => b.TextContent.Trim())));
        Assert.False(JsonSerializer.Deserialize<SaveRequest>(Api.BodyOf(Api.To(HttpMethod.Put, $"{MessagesPath}/m-7/saved").Single())!, JsonSerializerOptions.Web)!.Saved);
    }

    [Fact]
    public async Task WhatAnotherDeviceSavesOrRemovesComesAndGoesOnTheSavedPage()
    {
        await SignInAsync(Alice);
        var now = DateTimeOffset.UtcNow;
        var older = new SavedMessageDto(Message(3, Carol, "Bring water"), "Band", now.AddMinutes(-5));
        var newer = new SavedMessageDto(Message(7, Bob, "Gate code 4711"), "Band", now);
        Api.Answer(HttpMethod.Get, "/api/saved/ids", HttpStatusCode.OK, new List<string> { "m-3" })
            .Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, new[] { older })
            .Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, new[] { newer, older })
            .Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, new[] { newer });
        var page = Render<SavedPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=saved-item]")));

        await Realtime.PushSaveAsync(new MessageSavedPush("m-7", true));

        page.WaitForAssertion(() => Assert.Equal(["Gate code 4711", "Bring water"], page.FindAll("[data-testid=saved-item] .message-body").Select(b => b.TextContent.Trim())));

        await Realtime.PushSaveAsync(new MessageSavedPush("m-3", false));

        page.WaitForAssertion(() => Assert.Equal(["Gate code 4711"], page.FindAll("[data-testid=saved-item] .message-body").Select(b => b.TextContent.Trim())));
    }

    [Fact]
    public async Task WhatAnotherDeviceSavesJoinsTheTopAndTheOlderPagesOpenedStay()
    {
        await SignInAsync(Alice);
        var now = DateTimeOffset.UtcNow;
        var firstPage = Enumerable.Range(1, SavedRules.DefaultLimit)
            .Select(i => new SavedMessageDto(Message(100 + i, Bob, $"saved {i}"), "Band", now.AddMinutes(-i))).ToList();
        var oldest = new SavedMessageDto(Message(1, Carol, "the oldest"), "Band", now.AddDays(-30));
        var newest = new SavedMessageDto(Message(500, Bob, "just saved"), "Band", now.AddSeconds(1));
        Api.Answer(HttpMethod.Get, "/api/saved/ids", HttpStatusCode.OK, firstPage.Append(oldest).Select(i => i.Message.Id).ToList())
            .Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, firstPage)
            .Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, new[] { oldest })
            .Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, new[] { newest }.Concat(firstPage.SkipLast(1)));
        var page = Render<SavedPage>();
        page.WaitForAssertion(() => Assert.Equal(SavedRules.DefaultLimit, page.FindAll("[data-testid=saved-item]").Count));
        page.Find("[data-testid=saved-more]").Click();
        page.WaitForAssertion(() => Assert.Equal(SavedRules.DefaultLimit + 1, page.FindAll("[data-testid=saved-item]").Count));

        await Realtime.PushSaveAsync(new MessageSavedPush("m-500", true));

        page.WaitForAssertion(() => Assert.Equal(SavedRules.DefaultLimit + 2, page.FindAll("[data-testid=saved-item]").Count));
        var bodies = page.FindAll("[data-testid=saved-item] .message-body").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal("just saved", bodies[0]);
        Assert.Equal("the oldest", bodies[^1]);
    }

    [Fact]
    public async Task WithNothingSavedThePageSaysHowToSaveOne()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, Array.Empty<SavedMessageDto>());

        var page = Render<SavedPage>();

        page.WaitForAssertion(() => Assert.Contains("Save a message from its", page.Find("[data-testid=saved-nothing]").TextContent, StringComparison.Ordinal));
    }

    bool? SentSaved(int index) =>
        JsonSerializer.Deserialize<SaveRequest>(Api.BodyOf(Api.To(HttpMethod.Put, $"{MessagesPath}/m-1/saved")[index])!, JsonSerializerOptions.Web)!.Saved;


    static MessageDto Message(long seq, UserDto author, string body) =>
        new($"m-{seq}", "t-1", seq, author, body, DateTimeOffset.UtcNow, null, false);
}
