using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Teams;

/// <summary>A team's language: what its messages are searched in (docs/api-extensions.md, "Issue 20: search in a team's language").</summary>
[Collection(ApiCollection.Name)]
public sealed class TeamLanguageTests(ApiCluster cluster)
{
    [Fact]
    public async Task ATeamIsSimpleUntilItsOwnerOrAnAdminGivesItALanguage()
    {
        var owner = await cluster.NewUserAsync();
        var admin = await cluster.NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, admin, TeamRoles.Admin);

        var english = await admin.SendOkAsync<TeamDto>(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Language: "english"));
        var renamed = await owner.SendOkAsync<TeamDto>(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest("Renamed"));
        var read = await admin.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}");
        var listed = Assert.Single(await owner.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"), t => t.Id == team.Id);

        Assert.Equal(TeamLanguages.Simple, team.Language);
        Assert.Equal(("english", team.Name), (english.Language, english.Name));
        Assert.Equal(("english", "Renamed"), (renamed.Language, renamed.Name));
        Assert.Equal("english", read.Language);
        Assert.Equal("english", listed.Language);
    }

    [Fact]
    public async Task ATeamCanBeCreatedWithALanguage()
    {
        var owner = await cluster.NewUserAsync();

        var team = await owner.SendOkAsync<TeamDto>(HttpMethod.Post, "/api/teams", new CreateTeamRequest("Chorale", Language: "french"));

        Assert.Equal("french", team.Language);
    }

    [Fact]
    public async Task AnUnknownLanguageIsRefusedAPlainMemberIsForbiddenAndAStrangerFindsNoTeam()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();

        using var unknown = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Language: "klingon"));
        using var notLowerCase = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Language: "English"));
        using var injected = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Language: "english'); DROP TABLE teams; --"));
        using var unknownOnCreate = await owner.SendAsync(HttpMethod.Post, "/api/teams", new CreateTeamRequest("Club", Language: "pg_catalog.english"));
        using var byMember = await member.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Language: "english"));
        using var byStranger = await stranger.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Language: "english"));

        await unknown.AssertValidationProblemAsync("language");
        await notLowerCase.AssertValidationProblemAsync("language");
        await injected.AssertValidationProblemAsync("language");
        await unknownOnCreate.AssertValidationProblemAsync("language");
        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(TeamLanguages.Simple, (await owner.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Language);
    }

    [Fact]
    public async Task EveryLanguageOfferedIsATextSearchConfigurationOfTheDatabase()
    {
        var configurations = await Sql.ScalarAsync<string[]>(cluster.ConnectionString, "SELECT array_agg(cfgname::text) FROM pg_ts_config");

        Assert.Empty(TeamLanguages.All.Except(configurations));
    }
}
