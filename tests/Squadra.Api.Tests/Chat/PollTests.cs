using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Chat;

/// <summary>Polls (docs/api-extensions.md, "Polls"): a message asks one; votes and closing change the message like a reaction.</summary>
[Collection(ApiCollection.Name)]
public sealed class PollTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    private static string Chat(TeamDto team) => $"/api/teams/{team.Id}";

    private static Task<MessageDto> PostPollAsync(TestUser author, string chat, string question, bool multiple = false, params string[] options) =>
        author.SendOkAsync<MessageDto>(HttpMethod.Post, $"{chat}/messages",
            new PostMessageRequest(question, Poll: new PollRequest(options.Length == 0 ? ["Saturday", "Sunday", "Either"] : options, multiple)));

    private static Task<HttpResponseMessage> VoteAsync(TestUser voter, string chat, string messageId, object body) =>
        voter.SendAsync(HttpMethod.Put, $"{chat}/messages/{messageId}/poll/votes", body);

    private static Task<MessageDto> VoteOkAsync(TestUser voter, string chat, string messageId, params int[] options) =>
        voter.SendOkAsync<MessageDto>(HttpMethod.Put, $"{chat}/messages/{messageId}/poll/votes", new PollVoteRequest(options));

    private static Task<HttpResponseMessage> CloseAsync(TestUser user, string chat, string messageId, bool closed = true) =>
        user.SendAsync(HttpMethod.Put, $"{chat}/messages/{messageId}/poll/closed", new ClosePollRequest(closed));

    /// <summary>Each option as "text: voter, voter".</summary>
    private static string[] Shape(MessageDto message) =>
        [.. message.Poll!.Options.Select(o => $"{o.Id} {o.Text}: {string.Join(", ", o.VoterIds)}")];

    [Fact]
    public async Task APollIsAskedByItsMessageAndEachMembersVoteIsWhatTheyLastChose()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var poll = await PostPollAsync(owner, Chat(team), "When do we train?");

        Assert.Equal("When do we train?", poll.Body);
        Assert.False(poll.Poll!.MultipleChoice);
        Assert.Null(poll.Poll.ClosedAt);
        Assert.Equal(["0 Saturday: ", "1 Sunday: ", "2 Either: "], Shape(poll));

        await VoteOkAsync(member, Chat(team), poll.Id, 1);
        await VoteOkAsync(owner, Chat(team), poll.Id, 1);
        var moved = await VoteOkAsync(member, Chat(team), poll.Id, 0);
        Assert.Equal([$"0 Saturday: {member.User.Id}", $"1 Sunday: {owner.User.Id}", "2 Either: "], Shape(moved));
        Assert.True(moved.Revision > poll.Revision && moved.ChangeSeq > poll.ChangeSeq);

        // The same vote again changes nothing; [] takes it back.
        Assert.Equal(moved, await VoteOkAsync(member, Chat(team), poll.Id, 0));
        var withdrawn = await VoteOkAsync(member, Chat(team), poll.Id);
        Assert.Equal(["0 Saturday: ", $"1 Sunday: {owner.User.Id}", "2 Either: "], Shape(withdrawn));
        Assert.Equal(withdrawn, (await owner.HistoryAsync(team)).Single());
        Assert.Equal([poll.Id], (await owner.HistoryAsync(team, $"?changedAfter={moved.ChangeSeq}")).Select(m => m.Id));
    }

    [Fact]
    public async Task AMultipleChoicePollTakesSeveralOptionsAndAOneAnswerPollOnlyOne()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var any = await PostPollAsync(owner, Chat(team), "What do we bring?", multiple: true, "Balls", "Cones", "Bibs");
        var one = await PostPollAsync(owner, Chat(team), "Where?", multiple: false, "Gym", "Park");

        var voted = await VoteOkAsync(member, Chat(team), any.Id, 2, 0);
        Assert.True(voted.Poll!.MultipleChoice);
        Assert.Equal([$"0 Balls: {member.User.Id}", "1 Cones: ", $"2 Bibs: {member.User.Id}"], Shape(voted));

        using var two = await VoteAsync(member, Chat(team), one.Id, new PollVoteRequest([0, 1]));
        await two.AssertValidationProblemAsync("options");
        Assert.All((await owner.HistoryAsync(team)).Single(m => m.Id == one.Id).Poll!.Options, o => Assert.Empty(o.VoterIds));
    }

    [Fact]
    public async Task WhatMakesNoPollIsRefusedAndNothingIsPosted()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var refusals = new (PostMessageRequest Request, string Field)[]
        {
            (new("Question?", Poll: new PollRequest(["only one"])), "poll.options"),
            (new("Question?", Poll: new PollRequest([.. Enumerable.Range(1, PollRules.MaxOptions + 1).Select(i => $"option {i}")])), "poll.options"),
            (new("Question?", Poll: new PollRequest(["fine", "   "])), "poll.options"),
            (new("Question?", Poll: new PollRequest(["Same", "same "])), "poll.options"),
            (new("Question?", Poll: new PollRequest(["fine", new string('x', PollRules.OptionMaxLength + 1)])), "poll.options"),
            (new("Question?", Poll: new PollRequest(["fine", "bell\u0007"])), "poll.options"),
            (new("Question?", Poll: new PollRequest(null)), "poll.options"),
            (new("  ", Poll: new PollRequest(["yes", "no"])), "body"),
            (new("Question?", Poll: new PollRequest(["yes", "no"], ClosesAt: DateTimeOffset.UtcNow.AddMinutes(-1))), "poll.closesAt"),
            (new("Question?", Poll: new PollRequest(["yes", "no"], ClosesAt: DateTimeOffset.UtcNow.AddDays(91))), "poll.closesAt"),
        };
        foreach (var (request, field) in refusals)
        {
            using var response = await owner.SendAsync(HttpMethod.Post, $"{Chat(team)}/messages", request);
            await response.AssertValidationProblemAsync(field);
        }
        Assert.Empty(await owner.HistoryAsync(team));
        var ten = await PostPollAsync(owner, Chat(team), "Ten?", false, [.. Enumerable.Range(1, PollRules.MaxOptions).Select(i => $"option {i}")]);
        Assert.Equal(PollRules.MaxOptions, ten.Poll!.Options.Count);
    }

    [Fact]
    public async Task AVoteThatIsNoVoteStrangersAndMessagesWithoutAPollAreRefused()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var poll = await PostPollAsync(owner, Chat(team), "Pizza?", false, "Yes", "No");
        var plain = await owner.PostAsync(team, "no poll here");
        var stranger = await cluster.NewUserAsync();
        var otherTeam = await owner.CreateTeamAsync();

        foreach (var body in new object[] { new PollVoteRequest([2]), new PollVoteRequest([-1]), new PollVoteRequest([0, 0]), new PollVoteRequest(null), new { } })
        {
            using var response = await VoteAsync(member, Chat(team), poll.Id, body);
            await response.AssertValidationProblemAsync("options");
        }
        foreach (var (who, chat, id) in new[]
        {
            (stranger, Chat(team), poll.Id),
            (member, Chat(team), plain.Id),
            (member, Chat(team), Guid.NewGuid().ToString()),
            (owner, Chat(otherTeam), poll.Id),
        })
        {
            using var vote = await VoteAsync(who, chat, id, new PollVoteRequest([0]));
            await vote.AssertProblemAsync(HttpStatusCode.NotFound);
            using var close = await CloseAsync(who, chat, id);
            await close.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var anonymous = await cluster.Replica1.CreateClient().PutAsync($"{Chat(team)}/messages/{poll.Id}/poll/votes", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        Assert.All((await owner.HistoryAsync(team)).Single(m => m.Id == poll.Id).Poll!.Options, o => Assert.Empty(o.VoterIds));
    }

    [Fact]
    public async Task ItsAuthorOrAnAdminClosesAPollWhichThenTakesNoVotesUntilOpenedAgain()
    {
        var (owner, author, team) = await cluster.TeamOfTwoAsync();
        var other = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, other);
        var poll = await PostPollAsync(author, Chat(team), "Friday drinks?", false, "Yes", "No");
        await VoteOkAsync(other, Chat(team), poll.Id, 0);

        using (var notTheirs = await CloseAsync(other, Chat(team), poll.Id))
        {
            await notTheirs.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        foreach (var noAnswer in new object[] { new { }, new { closed = (bool?)null } })
        {
            using var missing = await author.SendAsync(HttpMethod.Put, $"{Chat(team)}/messages/{poll.Id}/poll/closed", noAnswer);
            await missing.AssertValidationProblemAsync("closed");
        }
        using (var notABoolean = await author.SendAsync(HttpMethod.Put, $"{Chat(team)}/messages/{poll.Id}/poll/closed", new { closed = "yes" }))
        {
            await notABoolean.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var closed = await CloseAsync(author, Chat(team), poll.Id))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }
        var shown = (await other.HistoryAsync(team)).Single();
        Assert.NotNull(shown.Poll!.ClosedAt);
        Assert.Equal([other.User.Id], shown.Poll.Options[0].VoterIds);
        using (var late = await VoteAsync(other, Chat(team), poll.Id, new PollVoteRequest([1])))
        {
            await late.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        // The owner may open anyone's poll again; closing what is closed changes nothing.
        var reopened = await owner.SendOkAsync<MessageDto>(HttpMethod.Put, $"{Chat(team)}/messages/{poll.Id}/poll/closed", new ClosePollRequest(false));
        Assert.Null(reopened.Poll!.ClosedAt);
        Assert.Equal(reopened, await owner.SendOkAsync<MessageDto>(HttpMethod.Put, $"{Chat(team)}/messages/{poll.Id}/poll/closed", new ClosePollRequest(false)));
        Assert.Equal([$"0 Yes: ", $"1 No: {other.User.Id}"], Shape(await VoteOkAsync(other, Chat(team), poll.Id, 1)));
    }

    [Fact]
    public async Task InADmOnlyThePollsAuthorClosesItAndNobodyOutsideSeesOrVotes()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var teamMate = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, teamMate);
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var chat = $"/api/dms/{dm.Id}";
        var poll = await PostPollAsync(owner, chat, "Lunch?", false, "Now", "Later");

        Assert.Equal([$"0 Now: {member.User.Id}", "1 Later: "], Shape(await VoteOkAsync(member, chat, poll.Id, 0)));
        using (var notTheAuthor = await CloseAsync(member, chat, poll.Id))
        {
            await notTheAuthor.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        using (var outsider = await VoteAsync(teamMate, chat, poll.Id, new PollVoteRequest([1])))
        {
            await outsider.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var underTeams = await VoteAsync(owner, $"/api/teams/{dm.Id}", poll.Id, new PollVoteRequest([1])))
        {
            await underTeams.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var closed = await CloseAsync(owner, chat, poll.Id))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }
    }

    [Fact]
    public async Task AVoteThroughOneReplicaIsPushedToMembersOnTheOtherAndToNoOneElse()
    {
        var author = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var reader = await TestUser.SignUpAsync(cluster.Replica2.CreateClient());
        var outsider = await TestUser.SignUpAsync(cluster.Replica2.CreateClient());
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        var poll = await PostPollAsync(author, Chat(team), "Kick-off time?", false, "10:00", "11:00");
        await using var readerHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), reader.Token);
        await using var outsiderHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), outsider.Token);

        var voted = await VoteOkAsync(author, Chat(team), poll.Id, 1);

        Assert.Equal(voted, await readerHub.WaitForUpdateAsync(m => m.Id == poll.Id && m.Revision == voted.Revision, s_delivery));
        await Task.Delay(300);
        Assert.Empty(outsiderHub.ChatUpdates);
    }

    [Fact]
    public async Task ADeletedPollAsksNothingAndKeepsNoVotes()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var poll = await PostPollAsync(owner, Chat(team), "Gone soon?", false, "Yes", "No");
        await VoteOkAsync(member, Chat(team), poll.Id, 0);

        using (var deleted = await owner.SendAsync(HttpMethod.Delete, $"{Chat(team)}/messages/{poll.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Null((await member.HistoryAsync(team)).Single().Poll);
        using (var vote = await VoteAsync(member, Chat(team), poll.Id, new PollVoteRequest([1])))
        {
            await vote.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        using (var close = await CloseAsync(owner, Chat(team), poll.Id))
        {
            await close.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT (SELECT count(*) FROM poll_options WHERE message_id = @id) + (SELECT count(*) FROM poll_votes WHERE message_id = @id)",
            ("id", Guid.Parse(poll.Id))));
    }

    [Fact]
    public async Task APollTakesVotesUntilItsDeadlineAndReopeningItTakesTheDeadlineAway()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var poll = await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"{Chat(team)}/messages",
            new PostMessageRequest("Pizza tonight?", Poll: new PollRequest(["Yes", "No"], ClosesAt: closesAt.ToOffset(TimeSpan.FromHours(3)))));
        Assert.Equal(closesAt.UtcTicks / 10, poll.Poll!.ClosesAt!.Value.UtcTicks / 10);
        Assert.Null(poll.Poll.ClosedAt);
        await VoteOkAsync(member, Chat(team), poll.Id, 0);

        await Task.Delay(closesAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));

        using (var late = await VoteAsync(member, Chat(team), poll.Id, new PollVoteRequest([1])))
        {
            var problem = await late.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("deadline", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var shown = (await member.HistoryAsync(team)).Single();
        Assert.Equal((null, poll.Poll.ClosesAt), (shown.Poll!.ClosedAt, shown.Poll.ClosesAt));
        Assert.True(shown.Poll.IsClosed(DateTimeOffset.UtcNow));
        Assert.Equal([$"0 Yes: {member.User.Id}", "1 No: "], Shape(shown));
        // Closing what the deadline closed changes nothing; reopening takes the deadline away, and votes come again.
        Assert.Equal(shown, await owner.SendOkAsync<MessageDto>(HttpMethod.Put, $"{Chat(team)}/messages/{poll.Id}/poll/closed", new ClosePollRequest(true)));
        var reopened = await owner.SendOkAsync<MessageDto>(HttpMethod.Put, $"{Chat(team)}/messages/{poll.Id}/poll/closed", new ClosePollRequest(false));
        Assert.Equal((null, null), (reopened.Poll!.ClosedAt, reopened.Poll.ClosesAt));
        Assert.Equal([$"0 Yes: ", $"1 No: {member.User.Id}"], Shape(await VoteOkAsync(member, Chat(team), poll.Id, 1)));
    }
}
