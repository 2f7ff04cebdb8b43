using System.Net;
using Squadra.Api.Features.Search;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Search;

namespace Squadra.Api.Tests.Search;

/// <summary>GET /api/search (api-v2 "Search"): the caller's current teams and DMs only, PostgreSQL full-text search.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchTests(ApiCluster cluster)
{
    // A word no other test writes, so each test finds only its own messages.
    private static string Word() => $"w{Guid.NewGuid():N}"[..12];

    private static Task<List<SearchResultDto>> SearchAsync(TestUser user, string query, string extra = "") =>
        user.SendOkAsync<List<SearchResultDto>>(HttpMethod.Get, $"/api/search?q={Uri.EscapeDataString(query)}{extra}");

    [Fact]
    public async Task WordsInAnyOrderPhrasesExclusionsAndAnAuthorEachNarrowTheResults()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var word = Word();
        var training = await owner.PostAsync(team, $"{word} training moves to Thursday evening");
        var match = await member.PostAsync(team, $"Thursday {word} match, bring the blue shirts");
        await owner.PostAsync(team, "nothing to see here");

        Assert.Equal(new[] { match.Id, training.Id }.Order(), (await SearchAsync(member, $"thursday {word}")).Select(r => r.Message.Id).Order());
        Assert.Equal([training.Id], (await SearchAsync(member, $"\"{word} training\"")).Select(r => r.Message.Id));
        Assert.Equal([training.Id], (await SearchAsync(member, $"{word} -shirts")).Select(r => r.Message.Id));
        Assert.Equal([match.Id], (await SearchAsync(owner, $"{word} from:{member.Username}")).Select(r => r.Message.Id));
        var result = Assert.Single(await SearchAsync(owner, $"\"{word} match\""));
        Assert.Equal(team.Name, result.TeamName);
        Assert.Equal(team.Id, result.Message.TeamId);
    }

    [Fact]
    public async Task TheHighlightMarksTheMatchesAndEscapesEverythingElse()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var word = Word();
        await owner.PostAsync(team, $"<script>alert(1)</script> {word} & <b>café</b>");

        var result = Assert.Single(await SearchAsync(member, word));

        Assert.Equal($"&lt;script&gt;alert(1)&lt;/script&gt; <mark>{word}</mark> &amp; &lt;b&gt;café&lt;/b&gt;", result.Highlight);
    }

    [Fact]
    public async Task NobodyFindsTheMessagesOfATeamTheyAreNotInNorOfOneTheyLeftNorADeletedOne()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();
        await stranger.CreateTeamAsync();
        var word = Word();
        await owner.PostAsync(team, $"{word} kept");
        var deleted = await owner.PostAsync(team, $"{word} deleted");
        using (var deleting = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{deleted.Id}"))
        {
            Assert.True(deleting.IsSuccessStatusCode);
        }

        Assert.Single(await SearchAsync(member, word));
        Assert.Empty(await SearchAsync(stranger, word));
        Assert.Empty(await SearchAsync(member, "deleted " + word));
        using (var leaving = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}"))
        {
            Assert.True(leaving.IsSuccessStatusCode);
        }
        Assert.Empty(await SearchAsync(member, word));
    }

    [Fact]
    public async Task ADmsMessagesAreFoundByItsMembersOnlyAndASearchCanBeNarrowedToIt()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var word = Word();
        var inDm = await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest($"{word} between us"));
        var inTeam = await owner.PostAsync(team, $"{word} for everyone");

        var found = await SearchAsync(member, word, $"&dmId={dm.Id}");
        var all = await SearchAsync(member, word);

        var result = Assert.Single(found);
        Assert.Equal((inDm.Id, dm.Id, (string?)null), (result.Message.Id, result.Message.DmId, result.TeamName));
        Assert.Equal(new[] { inDm.Id, inTeam.Id }.Order(), all.Select(r => r.Message.Id).Order());
        Assert.Equal([inTeam.Id], (await SearchAsync(third, word)).Select(r => r.Message.Id));
        Assert.Equal([inTeam.Id], (await SearchAsync(member, word, $"&teamId={team.Id}")).Select(r => r.Message.Id));
    }

    [Fact]
    public async Task WithinATeamOrDmTheCallerIsNotInIsNotFoundAndTheKindsDoNotMix()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var stranger = await cluster.NewUserAsync();

        using var foreignTeam = await stranger.SendAsync(HttpMethod.Get, $"/api/search?q=hi&teamId={team.Id}");
        using var foreignDm = await stranger.SendAsync(HttpMethod.Get, $"/api/search?q=hi&dmId={dm.Id}");
        using var dmAsTeam = await member.SendAsync(HttpMethod.Get, $"/api/search?q=hi&teamId={dm.Id}");
        using var teamAsDm = await member.SendAsync(HttpMethod.Get, $"/api/search?q=hi&dmId={team.Id}");

        foreach (var refused in new[] { foreignTeam, foreignDm, dmAsTeam, teamAsDm })
        {
            await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task ABadQueryLimitOrNarrowingIsRefused()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));

        using var missing = await member.SendAsync(HttpMethod.Get, "/api/search");
        using var blank = await member.SendAsync(HttpMethod.Get, "/api/search?q=%20%20");
        using var tooLong = await member.SendAsync(HttpMethod.Get, $"/api/search?q={new string('a', SearchRules.QueryMaxLength + 1)}");
        using var control = await member.SendAsync(HttpMethod.Get, "/api/search?q=a%01b");
        using var both = await member.SendAsync(HttpMethod.Get, $"/api/search?q=a&teamId={team.Id}&dmId={dm.Id}");
        using var limit = await member.SendAsync(HttpMethod.Get, $"/api/search?q=a&limit={SearchRules.MaxLimit + 1}");
        using var notAnInstant = await member.SendAsync(HttpMethod.Get, "/api/search?q=a&before=yesterday");
        using var anonymous = await cluster.Replica1.CreateClient().GetAsync("/api/search?q=a");

        await missing.AssertValidationProblemAsync("q");
        await blank.AssertValidationProblemAsync("q");
        await tooLong.AssertValidationProblemAsync("q");
        await control.AssertValidationProblemAsync("q");
        await both.AssertValidationProblemAsync("dmId");
        await limit.AssertValidationProblemAsync("limit");
        await notAnInstant.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task AnAuthorAloneListsTheirMessagesNewestFirstAndBeforePagesBack()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await owner.PostAsync(team, "first");
        var second = await owner.PostAsync(team, "second <3");
        await member.PostAsync(team, "not theirs");

        var newestFirst = await SearchAsync(member, $"from:{owner.Username}", $"&teamId={team.Id}");
        var older = await SearchAsync(member, $"from:@{owner.Username}", $"&teamId={team.Id}&before={Uri.EscapeDataString(second.CreatedAt.ToString("O"))}");
        // The same instant as a browser east of Greenwich may write it.
        var olderFromAfar = await SearchAsync(member, $"from:{owner.Username}", $"&teamId={team.Id}&before={Uri.EscapeDataString(second.CreatedAt.ToOffset(TimeSpan.FromHours(2)).ToString("O"))}");

        Assert.Equal([second.Id, first.Id], newestFirst.Select(r => r.Message.Id));
        Assert.Equal("second &lt;3", newestFirst[0].Highlight);
        Assert.Equal([first.Id], older.Select(r => r.Message.Id));
        Assert.Equal([first.Id], olderFromAfar.Select(r => r.Message.Id));
    }

    [Fact]
    public async Task TheBestOfTheNewestMatchesComesFirstAndBeforeReachesOlderOnes()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var word = Word();
        var oldBest = await owner.PostAsync(team, $"{word} {word} {word} long ago");
        for (var i = 0; i < SearchStore.RankedWindow; i++)
        {
            await owner.PostAsync(team, $"{word} number {i}");
        }
        var newBest = await owner.PostAsync(team, $"{word} {word} lately");

        var found = await SearchAsync(member, word, "&limit=50");
        var older = await SearchAsync(member, word, $"&before={Uri.EscapeDataString(oldBest.CreatedAt.AddTicks(10).ToString("O"))}");

        Assert.Equal(newBest.Id, found[0].Message.Id);
        Assert.DoesNotContain(oldBest.Id, found.Select(r => r.Message.Id));
        Assert.Equal([oldBest.Id], older.Select(r => r.Message.Id));
    }
}
