using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Chat;

[Collection(ApiCollection.Name)]
public sealed class ThreadTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(2);

    private static string MessagesPath(TeamDto team) => $"/api/teams/{team.Id}/messages";

    private static string ThreadPath(TeamDto team, string messageId) => $"{MessagesPath(team)}/{messageId}/thread";

    [Fact]
    public async Task AReplyTakesTheTeamsNextSeqAndTheRootCountsItsReplies()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "lunch?");
        Assert.Null(root.ThreadRootId);
        Assert.Equal(0, root.ReplyCount);
        Assert.Null(root.LastReplyAt);

        var first = await member.ReplyAsync(team, root, "yes");
        var between = await owner.PostAsync(team, "unrelated");
        var second = await owner.ReplyAsync(team, root, "12:30 then");

        Assert.Equal([root.Seq + 1, root.Seq + 2, root.Seq + 3], new[] { first.Seq, between.Seq, second.Seq });
        Assert.Equal(root.Id, first.ThreadRootId);
        Assert.Equal(0, first.ReplyCount);
        var history = await member.HistoryAsync(team);
        var rootNow = history.Single(m => m.Id == root.Id);
        Assert.Equal(2, rootNow.ReplyCount);
        Assert.Equal(second.CreatedAt, rootNow.LastReplyAt);
        Assert.True(rootNow.Revision > root.Revision);
        Assert.Equal([root.Id, first.Id, between.Id, second.Id], history.Select(m => m.Id));
    }

    [Fact]
    public async Task TheThreadIsTheRootThenItsRepliesBySeqAndAReplysIdReadsTheSameThread()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "release on friday?");
        var other = await owner.PostAsync(team, "another topic");
        var first = await member.ReplyAsync(team, root, "fine by me");
        await member.ReplyAsync(team, other, "elsewhere");
        var second = await owner.ReplyAsync(team, root, "done");

        var thread = await member.ThreadAsync(team, root.Id);
        var byReply = await owner.ThreadAsync(team, first.Id);

        Assert.Equal([root.Id, first.Id, second.Id], thread.Select(m => m.Id));
        Assert.Equal(2, thread[0].ReplyCount);
        Assert.Equal(thread, byReply);
        Assert.Equal(2, (await owner.ThreadAsync(team, other.Id)).Count);
        var alone = await owner.PostAsync(team, "alone");
        Assert.Equal([alone], await owner.ThreadAsync(team, alone.Id));
    }

    [Fact]
    public async Task ACatchUpAfterASeqBringsTheRepliesAndTheRootsNewState()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "question");
        var reply = await member.ReplyAsync(team, root, "answer");

        var caughtUp = await owner.HistoryAsync(team, $"?after={root.Seq}");

        Assert.Equal([reply], caughtUp);
    }

    [Fact]
    public async Task AReplyThroughOneReplicaIsPushedWithTheRootsUpdateToMembersOnTheOther()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var author = await TestUser.SignUpAsync(replica1);
        var reader = await TestUser.SignUpAsync(replica2);
        var outsider = await TestUser.SignUpAsync(replica2);
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        var root = await author.PostAsync(team, "thread me");
        await using var readerHub = await HubListener.ConnectAsync(replica2, reader.Token);
        await using var outsiderHub = await HubListener.ConnectAsync(replica2, outsider.Token);

        var reply = await author.ReplyAsync(team, root, "in the thread");
        var pushedReply = await readerHub.WaitForMessageAsync(m => m.Id == reply.Id, s_delivery);
        var pushedRoot = await readerHub.WaitForUpdateAsync(m => m.Id == root.Id && m.ReplyCount == 1, s_delivery);

        Assert.Equal(reply, pushedReply);
        Assert.Equal(root.Id, pushedReply.ThreadRootId);
        Assert.Equal(reply.CreatedAt, pushedRoot.LastReplyAt);
        Assert.Equal((await reader.ThreadAsync(team, root.Id))[0], pushedRoot);
        Assert.True(pushedRoot.Revision > root.Revision);
        await Task.Delay(300);
        Assert.Empty(outsiderHub.ChatMessages);
        Assert.Empty(outsiderHub.ChatUpdates);
    }

    [Fact]
    public async Task RepliesPostedAtOnceThroughBothReplicasAreEachCountedAndTakeGaplessSeqs()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "everyone answer");
        var onReplica2 = member.On(cluster.Replica2.CreateClient());

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? owner : onReplica2).ReplyAsync(team, root, $"answer {i}")));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => root.Seq + i), replies.Select(r => r.Seq).Order());
        var thread = await owner.ThreadAsync(team, root.Id);
        Assert.Equal(12, thread[0].ReplyCount);
        Assert.Equal(replies.Max(r => r.CreatedAt), thread[0].LastReplyAt);
        Assert.Equal(root.Revision + 12, thread[0].Revision);
    }

    [Fact]
    public async Task AReplyPostedAgainWithTheSameIdempotencyKeyIsCountedOnce()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "once");
        var key = Guid.NewGuid().ToString();

        using var first = await owner.SendAsync(HttpMethod.Post, MessagesPath(team), new PostMessageRequest("reply", root.Id), key);
        using var again = await owner.SendAsync(HttpMethod.Post, MessagesPath(team), new PostMessageRequest("reply", root.Id), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var thread = await owner.ThreadAsync(team, root.Id);
        Assert.Equal(2, thread.Count);
        Assert.Equal(1, thread[0].ReplyCount);
    }

    [Fact]
    public async Task StrangersCannotReplyNorReadAThreadAndLearnNothing()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "members only");
        var stranger = await cluster.NewUserAsync();

        using (var reply = await stranger.SendAsync(HttpMethod.Post, MessagesPath(team), new PostMessageRequest("let me in", root.Id)))
        {
            await reply.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var unknownRoot = await stranger.SendAsync(HttpMethod.Post, MessagesPath(team), new PostMessageRequest("hm", Guid.NewGuid().ToString())))
        {
            await unknownRoot.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        foreach (var (who, path) in new[]
        {
            (stranger, ThreadPath(team, root.Id)),
            (owner, ThreadPath(team, Guid.NewGuid().ToString())),
            (owner, $"/api/teams/{Guid.NewGuid()}/messages/{root.Id}/thread"),
        })
        {
            using var response = await who.SendAsync(HttpMethod.Get, path);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using var anonymous = await cluster.Replica1.CreateClient().GetAsync(ThreadPath(team, root.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, (await owner.ThreadAsync(team, root.Id))[0].ReplyCount);
    }

    [Fact]
    public async Task AThreadOfAnotherTeamIsNotFoundEvenToAMemberOfBoth()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var otherTeam = await owner.CreateTeamAsync();
        var elsewhere = await owner.PostAsync(otherTeam, "theirs");

        using var response = await owner.SendAsync(HttpMethod.Get, ThreadPath(team, elsewhere.Id));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AReplyToAReplyToAnUnknownMessageOrToAMessageOfAnotherTeamIsRefused()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "root");
        var reply = await owner.ReplyAsync(team, root, "reply");
        var otherTeam = await owner.CreateTeamAsync();
        var elsewhere = await owner.PostAsync(otherTeam, "theirs");

        foreach (var rootId in new[] { reply.Id, Guid.NewGuid().ToString(), elsewhere.Id, "not-an-id", "", "123" })
        {
            using var response = await owner.SendAsync(HttpMethod.Post, MessagesPath(team), new PostMessageRequest("nested", rootId));
            await response.AssertValidationProblemAsync("threadRootId");
        }
        Assert.Equal(2, (await owner.HistoryAsync(team)).Count);
        Assert.Equal(0, (await owner.HistoryAsync(otherTeam)).Single().ReplyCount);
        Assert.Equal(1, (await owner.ThreadAsync(team, root.Id))[0].ReplyCount);
    }

    [Fact]
    public async Task ABadBodyIsRefusedBeforeTheRootIsLookedAt()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, MessagesPath(team), new PostMessageRequest("  ", Guid.NewGuid().ToString()));

        await response.AssertValidationProblemAsync("body");
    }

    [Fact]
    public async Task ADeletedRootTakesNoRepliesButItsThreadStaysReadable()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var root = await owner.PostAsync(team, "soon gone");
        var reply = await member.ReplyAsync(team, root, "kept");
        using (var deleted = await owner.SendAsync(HttpMethod.Delete, $"{MessagesPath(team)}/{root.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var refused = await member.SendAsync(HttpMethod.Post, MessagesPath(team), new PostMessageRequest("too late", root.Id));
        await refused.AssertProblemAsync(HttpStatusCode.Conflict);

        var thread = await member.ThreadAsync(team, root.Id);
        Assert.Equal([root.Id, reply.Id], thread.Select(m => m.Id));
        Assert.True(thread[0].Deleted);
        Assert.Equal(1, thread[0].ReplyCount);
    }
}
