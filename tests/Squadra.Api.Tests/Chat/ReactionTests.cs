using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Chat;

[Collection(ApiCollection.Name)]
public sealed class ReactionTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(2);

    private static string ReactionPath(TeamDto team, string messageId, string emoji) =>
        $"/api/teams/{team.Id}/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}";

    /// <summary>Each reaction as "emoji: user, user".</summary>
    private static string[] Shape(MessageDto message) =>
        [.. message.Reactions.Select(r => $"{r.Emoji}: {string.Join(", ", r.UserIds)}")];

    private static string Reaction(string emoji, params TestUser[] users) => $"{emoji}: {string.Join(", ", users.Select(u => u.User.Id))}";

    [Fact]
    public async Task ReactionsAreListedInOrderOfFirstUseWithTheirUsersInTheOrderTheyReacted()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "we won");
        Assert.Empty(message.Reactions);

        await member.ReactAsync(team, message, "🎉");
        await owner.ReactAsync(team, message, ":tada:");
        var last = await owner.ReactAsync(team, message, "🎉");

        Assert.Equal([Reaction("🎉", member, owner), Reaction(":tada:", owner)], Shape(last));
        Assert.Equal(Shape(last), Shape((await member.HistoryAsync(team)).Single()));
        Assert.True(last.Revision > message.Revision);
    }

    [Fact]
    public async Task AddingTwiceAndRemovingWhatIsNotThereChangeNothingAndAnswerTheMessage()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "hi");

        var added = await member.ReactAsync(team, message, "👍");
        var again = await member.ReactAsync(team, message, "👍");
        var removed = await member.SendOkAsync<MessageDto>(HttpMethod.Delete, ReactionPath(team, message.Id, "👍"));
        var removedAgain = await member.SendOkAsync<MessageDto>(HttpMethod.Delete, ReactionPath(team, message.Id, "👍"));

        Assert.Equal(added, again);
        Assert.Equal([Reaction("👍", member)], Shape(added));
        Assert.Empty(removed.Reactions);
        Assert.Equal(removed, removedAgain);
        Assert.Empty((await owner.HistoryAsync(team)).Single().Reactions);
    }

    [Fact]
    public async Task AnEmojiIsStoredAsNfcAndAnEmojiSequenceIsOneReaction()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "family");

        await owner.ReactAsync(team, message, "👨‍👩‍👧");
        await owner.ReactAsync(team, message, "👍🏽");
        await owner.ReactAsync(team, message, "🇮🇹");
        await owner.ReactAsync(team, message, "❤️");
        var last = await owner.ReactAsync(team, message, "1️⃣");

        Assert.Equal(["👨‍👩‍👧", "👍🏽", "🇮🇹", "❤️", "1️⃣"], last.Reactions.Select(r => r.Emoji));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ok")]
    [InlineData("👍👍")]
    [InlineData("👍 ")]
    [InlineData("1")]
    [InlineData("©")]
    [InlineData("\u0007")]
    [InlineData(":Tada:")]
    [InlineData("::")]
    [InlineData(":this_shortcode_is_longer_than_32_:")]
    [InlineData(":no spaces:")]
    [InlineData("\u202E👍")]
    public async Task AnythingButOneEmojiOrAShortcodeIsRefused(string emoji)
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "hi");

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete })
        {
            using var response = await owner.SendAsync(method, ReactionPath(team, message.Id, emoji));
            await response.AssertValidationProblemAsync("emoji");
        }
    }

    [Fact]
    public async Task AThirtyTwoCharacterShortcodeIsAccepted()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "hi");
        var shortcode = $":{new string('a', 30)}+-:";

        Assert.Equal(shortcode, (await owner.ReactAsync(team, message, shortcode)).Reactions.Single().Emoji);
    }

    [Fact]
    public async Task StrangersUnknownMessagesAndMessagesOfAnotherTeamAreNotFound()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "ours");
        var stranger = await cluster.NewUserAsync();
        var otherTeam = await owner.CreateTeamAsync();
        var elsewhere = await owner.PostAsync(otherTeam, "theirs");

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete })
        {
            foreach (var (who, path) in new[]
            {
                (stranger, ReactionPath(team, message.Id, "👍")),
                (owner, ReactionPath(team, Guid.NewGuid().ToString(), "👍")),
                (owner, ReactionPath(team, elsewhere.Id, "👍")),
                (owner, $"/api/teams/{Guid.NewGuid()}/messages/{message.Id}/reactions/%F0%9F%91%8D"),
            })
            {
                using var response = await who.SendAsync(method, path);
                await response.AssertProblemAsync(HttpStatusCode.NotFound);
            }
            using var anonymous = await cluster.Replica1.CreateClient().SendAsync(new HttpRequestMessage(method, ReactionPath(team, message.Id, "👍")));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        Assert.Empty((await owner.HistoryAsync(team)).Single().Reactions);
        Assert.Empty((await owner.HistoryAsync(otherTeam)).Single().Reactions);
    }

    [Fact]
    public async Task ADeletedMessageTakesNoReactionsAndShowsNone()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "oops");
        await member.ReactAsync(team, message, "😂");

        using (var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{message.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete })
        {
            using var response = await member.SendAsync(method, ReactionPath(team, message.Id, "😂"));
            await response.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        Assert.Empty((await member.HistoryAsync(team)).Single().Reactions);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(
            cluster.ConnectionString, "SELECT count(*) FROM message_reactions WHERE message_id = @id", ("id", Guid.Parse(message.Id))));
    }

    [Fact]
    public async Task TheTwentyFirstDistinctEmojiIsRefusedButMoreUsersOfOneAreNot()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "vote");
        for (var i = 0; i < ReactionRules.MaxDistinct; i++)
        {
            await owner.ReactAsync(team, message, $":e{i}:");
        }

        using var refused = await member.SendAsync(HttpMethod.Put, ReactionPath(team, message.Id, ":one_more:"));
        await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        var joined = await member.ReactAsync(team, message, ":e0:");

        Assert.Equal(ReactionRules.MaxDistinct, joined.Reactions.Count);
        Assert.Equal([owner.User.Id, member.User.Id], joined.Reactions[0].UserIds);
    }

    [Fact]
    public async Task TwoNewEmojiPastTheNineteenthOnBothReplicasAtOnceStopAtTwenty()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "race");
        for (var i = 0; i < ReactionRules.MaxDistinct - 1; i++)
        {
            await owner.ReactAsync(team, message, $":e{i}:");
        }
        var onReplica2 = member.On(cluster.Replica2.CreateClient());

        for (var round = 0; round < 5; round++)
        {
            var responses = await Task.WhenAll(
                owner.SendAsync(HttpMethod.Put, ReactionPath(team, message.Id, $":a{round}:")),
                onReplica2.SendAsync(HttpMethod.Put, ReactionPath(team, message.Id, $":b{round}:")));
            var statuses = responses.Select(r => r.StatusCode).Order().ToArray();
            foreach (var response in responses)
            {
                response.Dispose();
            }

            Assert.Equal(round == 0 ? new[] { HttpStatusCode.OK, HttpStatusCode.Conflict } : [HttpStatusCode.Conflict, HttpStatusCode.Conflict], statuses);
        }
        Assert.Equal(ReactionRules.MaxDistinct, (await owner.HistoryAsync(team)).Single().Reactions.Count);
    }

    [Fact]
    public async Task AReactionThroughOneReplicaIsPushedToMembersOnTheOtherAndToNoOneElse()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var author = await TestUser.SignUpAsync(replica1);
        var reader = await TestUser.SignUpAsync(replica2);
        var outsider = await TestUser.SignUpAsync(replica2);
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        var message = await author.PostAsync(team, "react to me");
        await using var readerHub = await HubListener.ConnectAsync(replica2, reader.Token);
        await using var outsiderHub = await HubListener.ConnectAsync(replica2, outsider.Token);

        var reacted = await author.ReactAsync(team, message, "🔥");
        var pushed = await readerHub.WaitForUpdateAsync(m => m.Id == message.Id && m.Reactions.Count == 1, s_delivery);
        var unreacted = await author.SendOkAsync<MessageDto>(HttpMethod.Delete, ReactionPath(team, message.Id, "🔥"));
        var pushedAgain = await readerHub.WaitForUpdateAsync(m => m.Id == message.Id && m.Revision == unreacted.Revision, s_delivery);

        Assert.Equal(reacted, pushed);
        Assert.Equal(unreacted, pushedAgain);
        Assert.Empty(pushedAgain.Reactions);
        await Task.Delay(300);
        Assert.Empty(outsiderHub.ChatUpdates);
    }

    [Fact]
    public async Task AReactionToAMessageTooLongForANotifyPayloadIsPushedWithItsReactionsToo()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var author = await TestUser.SignUpAsync(replica1);
        var reader = await TestUser.SignUpAsync(replica2);
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        // 4000 characters that JSON escapes to six bytes each: the update is announced by its seq alone.
        var message = await author.PostAsync(team, new string('é', ChatRules.BodyMaxLength));
        await using var readerHub = await HubListener.ConnectAsync(replica2, reader.Token);

        var reacted = await author.ReactAsync(team, message, "🙏");
        var pushed = await readerHub.WaitForUpdateAsync(m => m.Id == message.Id, s_delivery);

        Assert.Equal(reacted, pushed);
        Assert.Equal([Reaction("🙏", author)], Shape(pushed));
    }

    [Fact]
    public async Task ACatchUpAfterASeqAndTheNewestPageCarryTheCurrentReactions()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await owner.PostAsync(team, "one");
        var second = await owner.PostAsync(team, "two");

        await member.ReactAsync(team, second, "👀");
        await owner.ReactAsync(team, second, "👀");
        await member.ReactAsync(team, first, "✅");

        var caughtUp = await member.HistoryAsync(team, "?after=0");
        var older = await member.HistoryAsync(team, "?before=2");
        Assert.Equal([[Reaction("✅", member)], [Reaction("👀", member, owner)]], caughtUp.Select(Shape));
        Assert.Equal(Shape(caughtUp[0]), Shape(older.Single()));
    }

    [Fact]
    public async Task ALeaversReactionsStay()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "bye");
        await member.ReactAsync(team, message, "😢");

        using (var removal = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}"))
        {
            Assert.True(removal.IsSuccessStatusCode);
        }
        using var refused = await member.SendAsync(HttpMethod.Delete, ReactionPath(team, message.Id, "😢"));

        await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal([Reaction("😢", member)], Shape((await owner.HistoryAsync(team)).Single()));
    }
}
