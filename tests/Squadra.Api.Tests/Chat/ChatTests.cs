using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Chat;

[Collection(ApiCollection.Name)]
public sealed class ChatTests(ApiCluster cluster)
{
    private Task<TestUser> NewUserAsync() => cluster.NewUserAsync();

    private Task<(TestUser Owner, TestUser Member, TeamDto Team)> TeamOfTwoAsync() => cluster.TeamOfTwoAsync();

    [Fact]
    public async Task PostingNumbersMessagesFromOneAndTrimsThem()
    {
        var (owner, member, team) = await TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("  hello  "));
        var second = await member.PostAsync(team, "hi");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var first = (await response.Content.ReadFromJsonAsync<MessageDto>())!;
        Assert.Equal((1L, "hello", owner.User, team.Id, false, (DateTimeOffset?)null), (first.Seq, first.Body, first.Author, first.TeamId, first.Deleted, first.EditedAt));
        Assert.Equal(2, second.Seq);
        Assert.Equal(2, (await owner.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).LastMessageSeq);
    }

    [Fact]
    public async Task HistoryPagesWithAfterBeforeAndLimit()
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        for (var i = 1; i <= 12; i++)
        {
            await owner.PostAsync(team, $"m{i}");
        }

        Assert.Equal(Range(8, 12), Seqs(await owner.HistoryAsync(team, "?limit=5")));
        Assert.Equal(Range(3, 7), Seqs(await owner.HistoryAsync(team, "?before=8&limit=5")));
        Assert.Equal(Range(5, 9), Seqs(await owner.HistoryAsync(team, "?after=4&limit=5")));
        Assert.Equal(Range(1, 12), Seqs(await owner.HistoryAsync(team)));
        Assert.Empty(await owner.HistoryAsync(team, "?after=12"));
        Assert.Equal(Range(1, 2), Seqs(await owner.HistoryAsync(team, "?before=3")));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?after=-1", "after")]
    [InlineData("?before=0", "before")]
    [InlineData("?after=1&before=5", "after")]
    public async Task BadCursorsAreRefused(string query, string field)
    {
        var (owner, _, team) = await TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/messages{query}");

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task ANonNumericCursorIsABadRequest()
    {
        var (owner, _, team) = await TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/messages?after=x");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData(4001)]
    public async Task EmptyOrOverlongBodiesAreRefused(object? body)
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        var text = body is int length ? new string('b', length) : (string?)body;

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest(text));

        await response.AssertValidationProblemAsync("body");
        Assert.Empty(await owner.HistoryAsync(team));
    }

    [Fact]
    public async Task AFourThousandCharacterBodyIsAccepted()
    {
        var (owner, _, team) = await TeamOfTwoAsync();

        var message = await owner.PostAsync(team, new string('é', 4000));

        Assert.Equal(4000, message.Body.Length);
    }

    [Fact]
    public async Task ANonMemberGetsNotFoundForEverythingOfTheChat()
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        var message = await owner.PostAsync(team, "secret");
        var stranger = await NewUserAsync();

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/teams/{team.Id}/messages", null),
            (HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("let me in")),
            (HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{message.Id}", new EditMessageRequest("mine")),
            (HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{message.Id}", null),
        })
        {
            using var response = await stranger.SendAsync(method, path, body);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(["secret"], (await owner.HistoryAsync(team)).Select(m => m.Body));
    }

    [Fact]
    public async Task APostRefusedToAStrangerOrForAnUnknownTeamTakesNoSeq()
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        await owner.PostAsync(team, "one");
        var stranger = await NewUserAsync();

        using (var refused = await stranger.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("let me in")))
        {
            await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var unknown = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{Guid.NewGuid()}/messages", new PostMessageRequest("where")))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(2, (await owner.PostAsync(team, "two")).Seq);
    }

    [Fact]
    public async Task AnEmptyPageIsEmptyForAMemberAndNotFoundForAStranger()
    {
        var (owner, member, team) = await TeamOfTwoAsync();
        var stranger = await NewUserAsync();

        Assert.Empty(await member.HistoryAsync(team));
        await owner.PostAsync(team, "one");
        Assert.Empty(await member.HistoryAsync(team, "?after=1"));
        foreach (var query in new[] { "", "?after=1", "?before=2" })
        {
            using var response = await stranger.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/messages{query}");
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task OnlyTheAuthorEditsAndTheEditIsMarked()
    {
        var (owner, member, team) = await TeamOfTwoAsync();
        var message = await member.PostAsync(team, "typo");

        using var byOwner = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{message.Id}", new EditMessageRequest("fixed"));
        await byOwner.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var empty = await member.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{message.Id}", new EditMessageRequest(" "));
        await empty.AssertValidationProblemAsync("body");
        using var unknown = await member.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{Guid.NewGuid()}", new EditMessageRequest("x"));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);

        var edited = await member.SendOkAsync<MessageDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{message.Id}", new EditMessageRequest("fixed"));

        Assert.Equal(("fixed", message.Seq), (edited.Body, edited.Seq));
        Assert.NotNull(edited.EditedAt);
    }

    [Fact]
    public async Task AuthorsOwnersAndAdminsDeleteAndTheMessageStaysAsDeleted()
    {
        var (owner, member, team) = await TeamOfTwoAsync();
        var other = await NewUserAsync();
        await owner.AddMemberAsync(team, other);
        var byMember = await member.PostAsync(team, "mine");
        var byOwner = await owner.PostAsync(team, "owner's");

        using var refused = await other.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{byMember.Id}");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var memberOnOwners = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{byOwner.Id}");
        await memberOnOwners.AssertProblemAsync(HttpStatusCode.Forbidden);

        using var ownDelete = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{byMember.Id}");
        using var moderated = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{byOwner.Id}");
        using var again = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{byOwner.Id}");
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], new[] { ownDelete.StatusCode, moderated.StatusCode, again.StatusCode });

        var history = await other.HistoryAsync(team);
        Assert.Equal([(1L, true, ""), (2L, true, "")], history.Select(m => (m.Seq, m.Deleted, m.Body)));
        using var editDeleted = await member.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{byMember.Id}", new EditMessageRequest("back"));
        await editDeleted.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ARetriedPostWithTheSameIdempotencyKeyNeverDuplicates()
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        var key = Guid.NewGuid().ToString();
        var onReplica2 = owner.On(cluster.Replica2.CreateClient());

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? owner : onReplica2).SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("once"), key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(await owner.HistoryAsync(team));
    }

    private static long[] Seqs(IEnumerable<MessageDto> messages) => [.. messages.Select(m => m.Seq)];

    private static long[] Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];
}
