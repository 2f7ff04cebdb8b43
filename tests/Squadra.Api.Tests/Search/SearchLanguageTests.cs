using Squadra.Api.Features.Search;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Search;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Search;

/// <summary>Search in each message's language: a team's language stems its words; 'simple' matches words as typed.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchLanguageTests(ApiCluster cluster)
{
    // Every test's users are new, so common words find only that test's messages.
    private static Task<List<SearchResultDto>> SearchAsync(TestUser user, string query) =>
        user.SendOkAsync<List<SearchResultDto>>(HttpMethod.Get, $"/api/search?q={Uri.EscapeDataString(query)}");

    private static Task<TeamDto> SetLanguageAsync(TestUser owner, TeamDto team, string language) =>
        owner.SendOkAsync<TeamDto>(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Language: language));

    private static async Task<IEnumerable<string>> FoundAsync(TestUser user, string query) =>
        (await SearchAsync(user, query)).Select(r => r.Message.Id).Order();

    [Fact]
    public async Task AnEnglishTeamFindsOtherFormsOfAWordAndMarksThem()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await SetLanguageAsync(owner, team, "english");
        var runs = await owner.PostAsync(team, "she runs every day");
        var running = await owner.PostAsync(team, "running late, sorry");

        var forRunning = await SearchAsync(member, "running");

        Assert.Equal(new[] { runs.Id, running.Id }.Order(), forRunning.Select(r => r.Message.Id).Order());
        Assert.Equal(new[] { runs.Id, running.Id }.Order(), await FoundAsync(member, "run"));
        Assert.Equal("she <mark>runs</mark> every day", forRunning.Single(r => r.Message.Id == runs.Id).Highlight);
        Assert.Equal("<mark>running</mark> late, sorry", forRunning.Single(r => r.Message.Id == running.Id).Highlight);
    }

    [Fact]
    public async Task ASimpleTeamMatchesWordsAsTyped()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var runs = await owner.PostAsync(team, "she runs every day");

        Assert.Equal(TeamLanguages.Simple, team.Language);
        Assert.Empty(await SearchAsync(member, "running"));
        Assert.Empty(await SearchAsync(member, "run"));
        Assert.Equal([runs.Id], await FoundAsync(member, "runs"));
    }

    [Fact]
    public async Task ASearchOverAnEnglishAndASimpleTeamMatchesEachMessageInItsOwnLanguage()
    {
        var (owner, member, english) = await cluster.TeamOfTwoAsync();
        await SetLanguageAsync(owner, english, "english");
        var simple = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(simple, member);
        var englishRuns = await owner.PostAsync(english, "she runs every day");
        var simpleRuns = await owner.PostAsync(simple, "he runs too");
        var simpleRunning = await owner.PostAsync(simple, "running club tonight");

        Assert.Equal(new[] { englishRuns.Id, simpleRunning.Id }.Order(), await FoundAsync(member, "running"));
        Assert.Equal(new[] { englishRuns.Id, simpleRuns.Id }.Order(), await FoundAsync(member, "runs"));
        Assert.Equal([englishRuns.Id], await FoundAsync(member, "run"));
        // Narrowed to one team, its language alone.
        var within = await member.SendOkAsync<List<SearchResultDto>>(HttpMethod.Get, $"/api/search?q=running&teamId={simple.Id}");
        Assert.Equal([simpleRunning.Id], within.Select(r => r.Message.Id));
    }

    [Fact]
    public async Task ChangingATeamsLanguageReindexesTheMessagesItAlreadyHas()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var before = await owner.PostAsync(team, "she runs every day");
        Assert.Empty(await SearchAsync(member, "running"));

        await SetLanguageAsync(owner, team, "english");
        var after = await owner.PostAsync(team, "he ran, then kept running");

        Assert.Equal(new[] { before.Id, after.Id }.Order(), await FoundAsync(member, "running"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM messages WHERE team_id = @team AND search_language = 'english'::regconfig", ("team", Guid.Parse(team.Id))));

        await SetLanguageAsync(owner, team, TeamLanguages.Simple);
        Assert.Equal([after.Id], await FoundAsync(member, "running"));
    }

    [Fact]
    public async Task AnEditedMessageIsIndexedAgainInItsTeamsLanguage()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await SetLanguageAsync(owner, team, "english");
        var message = await owner.PostAsync(team, "nothing yet");

        using var edited = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{message.Id}", new EditMessageRequest("she runs every day"));
        Assert.True(edited.IsSuccessStatusCode);

        Assert.Equal([message.Id], await FoundAsync(member, "running"));
    }

    [Fact]
    public void OnlyTheLanguagesOfTheFixedListAreWrittenIntoTheMatch()
    {
        var match = SearchLanguages.Matches(["simple", "english", "english", "klingon", "x'); DROP TABLE messages; --"]);

        Assert.Equal(
            "(m.search_language = 'english'::regconfig AND m.search @@ websearch_to_tsquery('english', @text))"
            + " OR (m.search_language = 'simple'::regconfig AND m.search @@ websearch_to_tsquery('simple', @text))",
            match);
        Assert.Equal("false", SearchLanguages.Matches(["klingon"]));
    }
}
