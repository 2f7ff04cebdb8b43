using System.Net;
using System.Text.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using static Squadra.Web.Tests.ChatPaneQueries;

namespace Squadra.Web.Tests;

/// <summary>Polls in the chat: asked from the composer's dialog, answered with a click, live for everyone (PollCard, NewPollDialog).</summary>
public sealed class PollTests : SquadraTestContext
{
    const string MessagesPath = "/api/teams/t-1/messages";

    static readonly string[] s_days = ["Saturday", "Sunday", "Either"];

    static MessageDto PollMessage(long seq, UserDto author, bool multiple, DateTimeOffset? closedAt, params string[][] voters) =>
        new($"m-{seq}", "t-1", seq, author, "When do we train?", DateTimeOffset.UtcNow, null, false)
        {
            Poll = new PollDto(multiple, closedAt, [.. s_days.Select((text, i) => new PollOptionDto(i, text, i < voters.Length ? voters[i] : []))]),
        };

    static string[] Counts(IRenderedComponent<ChatPane> pane) =>
        [.. pane.FindAll("[data-testid=poll-count]").Select(c => c.TextContent.Replace("chosen by", "", StringComparison.Ordinal).Trim())];

    static int[] SentVote(FakeApi api, int index) =>
        [.. JsonSerializer.Deserialize<PollVoteRequest>(api.BodyOf(api.To(HttpMethod.Put, $"{MessagesPath}/m-1/poll/votes")[index])!, JsonSerializerOptions.Web)!.Options!];

    [Fact]
    public async Task APollShowsEachOptionsVotesTheViewersChoicePressedAndAClickMovesIt()
    {
        var poll = PollMessage(1, Bob, false, null, [Bob.Id, Alice.Id], [Carol.Id]);
        var pane = await RenderTeamChatAsync(poll);
        Api.Answer(HttpMethod.Put, $"{MessagesPath}/m-1/poll/votes", HttpStatusCode.OK, PollMessage(1, Bob, false, null, [Bob.Id], [Carol.Id, Alice.Id]) with { Revision = 10 });

        Assert.Equal(["2", "1", "0"], Counts(pane));
        Assert.Equal(["true", "false", "false"], pane.FindAll("[data-testid=poll-option]").Select(o => o.GetAttribute("aria-pressed")));
        Assert.Equal("3 votes · Choose one", pane.Find("[data-testid=poll-summary]").TextContent.Trim());
        Assert.Empty(pane.FindAll("[data-testid=poll-close]"));

        pane.FindAll("[data-testid=poll-option]")[1].Click();

        pane.WaitForAssertion(() => Assert.Equal(["1", "2", "0"], Counts(pane)));
        Assert.Equal([1], SentVote(Api, 0));
        Assert.Equal(["false", "true", "false"], pane.FindAll("[data-testid=poll-option]").Select(o => o.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task ClickingTheChosenOptionTakesTheVoteBackAndAMultipleChoicePollAddsToIt()
    {
        var pane = await RenderTeamChatAsync(PollMessage(1, Bob, true, null, [Alice.Id]));
        Api.Answer(HttpMethod.Put, $"{MessagesPath}/m-1/poll/votes", HttpStatusCode.OK, PollMessage(1, Bob, true, null, [Alice.Id], [], [Alice.Id]) with { Revision = 10 })
            .Answer(HttpMethod.Put, $"{MessagesPath}/m-1/poll/votes", HttpStatusCode.OK, PollMessage(1, Bob, true, null, [], [], [Alice.Id]) with { Revision = 11 });
        Assert.Equal("1 vote · Choose any", pane.Find("[data-testid=poll-summary]").TextContent.Trim());

        pane.FindAll("[data-testid=poll-option]")[2].Click();
        pane.WaitForAssertion(() => Assert.Equal(["1", "0", "1"], Counts(pane)));
        pane.FindAll("[data-testid=poll-option]")[0].Click();
        pane.WaitForAssertion(() => Assert.Equal(["0", "0", "1"], Counts(pane)));

        Assert.Equal([0, 2], SentVote(Api, 0));
        Assert.Equal([2], SentVote(Api, 1));
    }

    [Fact]
    public async Task AClosedPollKeepsItsResultsTakesNoVotesAndItsAuthorOpensItAgain()
    {
        var closed = PollMessage(1, Alice, false, DateTimeOffset.UtcNow, [Bob.Id]);
        var pane = await RenderTeamChatAsync(closed);
        Api.Answer(HttpMethod.Put, $"{MessagesPath}/m-1/poll/closed", HttpStatusCode.OK, closed with { Poll = closed.Poll! with { ClosedAt = null }, Revision = 9 });

        Assert.All(pane.FindAll("[data-testid=poll-option]"), o => Assert.True(o.HasAttribute("disabled")));
        Assert.Equal("1 vote · Closed", pane.Find("[data-testid=poll-summary]").TextContent.Trim());
        Assert.Equal("Reopen poll", pane.Find("[data-testid=poll-close]").TextContent.Trim());

        pane.Find("[data-testid=poll-close]").Click();

        pane.WaitForAssertion(() => Assert.Equal("Close poll", pane.Find("[data-testid=poll-close]").TextContent.Trim()));
        Assert.All(pane.FindAll("[data-testid=poll-option]"), o => Assert.False(o.HasAttribute("disabled")));
        Assert.False(JsonSerializer.Deserialize<ClosePollRequest>(Api.BodyOf(Api.To(HttpMethod.Put, $"{MessagesPath}/m-1/poll/closed").Single())!, JsonSerializerOptions.Web)!.Closed);
    }

    [Fact]
    public async Task AnotherMembersVoteShowsLive()
    {
        var pane = await RenderTeamChatAsync(PollMessage(1, Bob, false, null));
        Assert.Equal("0 votes · Choose one", pane.Find("[data-testid=poll-summary]").TextContent.Trim());

        await Realtime.PushMessageUpdatedAsync(PollMessage(1, Bob, false, null, [], [], [Carol.Id]) with { Revision = 5 });

        pane.WaitForAssertion(() => Assert.Equal(["0", "0", "1"], Counts(pane)));
        Assert.Equal("1 vote · Choose one", pane.Find("[data-testid=poll-summary]").TextContent.Trim());
    }

    [Fact]
    public async Task ThePollDialogStartsFromTheComposersTextAndPostsThePollAsAMessage()
    {
        var pane = await RenderTeamChatAsync(new MessageDto("m-1", "t-1", 1, Bob, "hi", DateTimeOffset.UtcNow, null, false));
        Api.Answer(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, PollMessage(2, Alice, true, null));
        pane.Find("#messageBody").Input("When do we train?");

        pane.Find("[data-testid=new-poll]").Click();
        Assert.Equal("When do we train?", pane.Find("#poll-question").GetAttribute("value"));
        Assert.Equal(PollRules.MinOptions, pane.FindAll("[data-testid=poll-option-input]").Count);
        pane.FindAll("[data-testid=poll-option-input]")[0].Input("Saturday");
        pane.FindAll("[data-testid=poll-option-input]")[1].Input("Sunday");
        pane.Find("[data-testid=poll-add-option]").Click();
        pane.FindAll("[data-testid=poll-option-input]")[2].Input("Either");
        pane.Find("#poll-multiple").Change(true);
        pane.Find("[data-testid=new-poll-dialog] form").Submit();

        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=new-poll-dialog]")));
        var sent = JsonSerializer.Deserialize<PostMessageRequest>(Api.BodyOf(Api.To(HttpMethod.Post, MessagesPath).Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal("When do we train?", sent.Body);
        Assert.Equal(["Saturday", "Sunday", "Either"], sent.Poll!.Options);
        Assert.True(sent.Poll.MultipleChoice);
        Assert.Null(sent.Poll.ClosesAt);
        Assert.Equal("", pane.Find("#messageBody").GetAttribute("value") ?? "");
        pane.WaitForAssertion(() => Assert.NotNull(MessageWithSeq(pane, 2).QuerySelector("[data-testid=poll]")));
    }

    [Fact]
    public async Task WhatMakesNoPollIsSaidInTheDialogAndNothingIsSent()
    {
        var pane = await RenderTeamChatAsync(new MessageDto("m-1", "t-1", 1, Bob, "hi", DateTimeOffset.UtcNow, null, false));
        pane.Find("[data-testid=new-poll]").Click();

        pane.Find("[data-testid=new-poll-dialog] form").Submit();
        Assert.Equal("A poll needs a question.", pane.Find("[data-testid=form-error]").TextContent.Trim());

        pane.Find("#poll-question").Input("Which day?");
        pane.FindAll("[data-testid=poll-option-input]")[0].Input("Saturday");
        pane.Find("[data-testid=new-poll-dialog] form").Submit();
        Assert.Equal($"A poll has {PollRules.MinOptions}-{PollRules.MaxOptions} options.", pane.Find("[data-testid=form-error]").TextContent.Trim());

        pane.FindAll("[data-testid=poll-option-input]")[1].Input("saturday");
        pane.Find("[data-testid=new-poll-dialog] form").Submit();
        Assert.Equal("Two options are the same.", pane.Find("[data-testid=form-error]").TextContent.Trim());
        Assert.Empty(Api.To(HttpMethod.Post, MessagesPath));
    }
}
