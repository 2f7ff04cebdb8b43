using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Chat;

/// <summary>
/// Every change to a team's messages takes the team's next change number, and <c>changedAfter=N</c> lists the messages
/// changed since: how a client that was away learns of the edits, deletions and reactions it missed.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ChangeCatchUpTests(ApiCluster cluster)
{
    private static string MessagePath(TeamDto team, MessageDto message) => $"/api/teams/{team.Id}/messages/{message.Id}";

    [Fact]
    public async Task PostsEditsDeletionsAndReactionsTakeTheNextChangeNumberAndChangedAfterListsThemInThatOrder()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await owner.PostAsync(team, "first");
        var second = await member.PostAsync(team, "second");
        Assert.Equal((1L, 2L), (first.ChangeSeq, second.ChangeSeq));

        var edited = await owner.SendOkAsync<MessageDto>(HttpMethod.Patch, MessagePath(team, first), new EditMessageRequest("first, edited"));
        var reacted = await owner.ReactAsync(team, second, "👍");
        var unchanged = await owner.ReactAsync(team, second, "👍");
        using (await owner.SendAsync(HttpMethod.Delete, MessagePath(team, first))) { }

        Assert.Equal((3L, 4L), (edited.ChangeSeq, reacted.ChangeSeq));
        Assert.Equal(reacted, unchanged);
        var changes = await member.HistoryAsync(team, "?changedAfter=0");
        Assert.Equal([(second.Id, false), (first.Id, true)], changes.Select(m => (m.Id, m.Deleted)));
        Assert.True(changes[1].ChangeSeq > reacted.ChangeSeq);
        Assert.Equal([first.Id], (await member.HistoryAsync(team, $"?changedAfter={reacted.ChangeSeq}")).Select(m => m.Id));
        Assert.Equal([second.Id], (await member.HistoryAsync(team, "?changedAfter=0&limit=1")).Select(m => m.Id));
        Assert.Empty(await member.HistoryAsync(team, $"?changedAfter={changes[1].ChangeSeq}"));
    }

    [Fact]
    public async Task AnotherTeamsChangesTakeNoneOfThisTeamsNumbers()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var other = await owner.CreateTeamAsync();
        await owner.PostAsync(team, "one");
        await owner.PostAsync(other, "elsewhere");
        await owner.PostAsync(other, "elsewhere again");

        Assert.Equal(2, (await owner.PostAsync(team, "two")).ChangeSeq);
    }

    [Theory]
    [InlineData("?changedAfter=-1")]
    [InlineData("?changedAfter=1&after=1")]
    [InlineData("?changedAfter=1&before=3")]
    public async Task BadChangeCursorsAreRefused(string query)
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/messages{query}");

        await response.AssertValidationProblemAsync("changedAfter");
    }

    [Fact]
    public async Task AStrangerLearnsNoChangeAndNoTeam()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        await owner.PostAsync(team, "members only");
        var stranger = await cluster.NewUserAsync();

        foreach (var teamId in new[] { team.Id, Guid.NewGuid().ToString() })
        {
            using var response = await stranger.SendAsync(HttpMethod.Get, $"/api/teams/{teamId}/messages?changedAfter=0");
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task ARoomThatMissedEveryPushShowsTheEditsDeletionsAndReactionsAfterItsReconnectCatchUp()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var kept = await owner.PostAsync(team, "kept");
        var toEdit = await owner.PostAsync(team, "to edit");
        var toDelete = await owner.PostAsync(team, "to delete");
        // The browser app's room, with no hub: every push while "away" is missed.
        var room = new ChatRoom(ChatKey.Team(team.Id), member.User.Id, new ApiClient(cluster.Replica2.CreateClient(), new FixedToken(member.Token), TimeProvider.System), TimeProvider.System);
        await room.LoadAsync();

        await owner.SendOkAsync<MessageDto>(HttpMethod.Patch, MessagePath(team, toEdit), new EditMessageRequest("edited while away"));
        using (await owner.SendAsync(HttpMethod.Delete, MessagePath(team, toDelete))) { }
        await owner.ReactAsync(team, kept, "🎉");
        var posted = await owner.PostAsync(team, "posted while away");
        await room.CatchUpAsync();
        await room.CatchUpChangesAsync();

        Assert.Equal(
            [("kept", false, "🎉"), ("edited while away", false, ""), ("", true, ""), (posted.Body, false, "")],
            room.Messages.Select(m => (m.Body, m.Deleted, string.Concat(m.Reactions.Select(r => r.Emoji)))));
    }
}
