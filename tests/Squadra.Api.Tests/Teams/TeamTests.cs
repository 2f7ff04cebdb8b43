using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Teams;

[Collection(ApiCollection.Name)]
public sealed class TeamTests(ApiCluster cluster)
{
    private Task<TestUser> NewUserAsync() => cluster.NewUserAsync();

    [Fact]
    public async Task CreatingATeamMakesTheCallerItsOwnerAndItsOnlyMember()
    {
        var owner = await NewUserAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, "/api/teams", new CreateTeamRequest("  Rowing club ", "Mornings"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var team = (await response.Content.ReadFromJsonAsync<TeamDto>())!;
        Assert.Equal(("Rowing club", "Mornings", TeamRoles.Owner, 1), (team.Name, team.Description, team.Role, team.MemberCount));
        Assert.Equal($"/api/teams/{team.Id}", response.Headers.Location?.ToString());
        var read = await owner.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}");
        var member = Assert.Single(read.Members!);
        Assert.Equal((owner.User.Id, TeamRoles.Owner), (member.UserId, member.Role));
    }

    [Fact]
    public async Task TheTeamListHoldsExactlyTheCallersTeamsWithTheirRoles()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var mine = await owner.CreateTeamAsync("Alpha");
        var theirs = await member.CreateTeamAsync("Beta");
        await owner.AddMemberAsync(mine, member);

        var teams = await member.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams");

        Assert.Equal([("Alpha", TeamRoles.Member, 2), ("Beta", TeamRoles.Owner, 1)], teams.Select(t => (t.Name, t.Role, t.MemberCount)));
        Assert.DoesNotContain(await owner.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"), t => t.Id == theirs.Id);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData(81, null)]
    [InlineData("Fine", 1001)]
    public async Task CreatingATeamRefusesBadNamesAndDescriptions(object? name, int? descriptionLength)
    {
        var owner = await NewUserAsync();
        var request = new CreateTeamRequest(
            name is int n ? new string('n', n) : (string?)name,
            descriptionLength is { } d ? new string('d', d) : null);

        using var response = await owner.SendAsync(HttpMethod.Post, "/api/teams", request);

        await response.AssertValidationProblemAsync(descriptionLength is null ? "name" : "description");
    }

    [Fact]
    public async Task ANonMemberGetsNotFoundForEverythingOfATeam()
    {
        var owner = await NewUserAsync();
        var stranger = await NewUserAsync();
        var team = await owner.CreateTeamAsync();

        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/api/teams/{team.Id}", null),
            (HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest("Mine now")),
            (HttpMethod.Delete, $"/api/teams/{team.Id}", null),
            (HttpMethod.Put, $"/api/teams/{team.Id}/members/{owner.User.Id}/role", new ChangeRoleRequest("member")),
            (HttpMethod.Delete, $"/api/teams/{team.Id}/members/{owner.User.Id}", null),
            (HttpMethod.Delete, $"/api/teams/{team.Id}/members/{stranger.User.Id}", null),
            (HttpMethod.Get, $"/api/teams/{team.Id}/invitations", null),
            (HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new { username = stranger.Username }),
        };
        foreach (var (method, path, body) in attempts)
        {
            using var response = await stranger.SendAsync(method, path, body);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task AnUnknownTeamIdIsNotFound(string teamId)
    {
        var user = await NewUserAsync();

        using var response = await user.SendAsync(HttpMethod.Get, $"/api/teams/{teamId}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OwnersAndAdminsCanRenameButMembersCannot()
    {
        var owner = await NewUserAsync();
        var admin = await NewUserAsync();
        var member = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, admin, TeamRoles.Admin);
        await owner.AddMemberAsync(team, member);

        var renamed = await admin.SendOkAsync<TeamDto>(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest("Renamed"));
        Assert.Equal(("Renamed", "A test team", TeamRoles.Admin), (renamed.Name, renamed.Description, renamed.Role));
        var described = await owner.SendOkAsync<TeamDto>(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Description: "New words"));
        Assert.Equal(("Renamed", "New words"), (described.Name, described.Description));

        using var refused = await member.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest("Mine"));
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var invalid = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(new string('x', 81)));
        await invalid.AssertValidationProblemAsync("name");
    }

    [Fact]
    public async Task OnlyTheOwnerDeletesATeamAndThenItIsGoneForEveryone()
    {
        var owner = await NewUserAsync();
        var admin = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, admin, TeamRoles.Admin);

        using (var refused = await admin.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}"))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        using (var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        foreach (var person in new[] { owner, admin })
        {
            using var gone = await person.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}");
            await gone.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.DoesNotContain(await person.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"), t => t.Id == team.Id);
        }
    }

    [Fact]
    public async Task OnlyTheOwnerChangesRolesAndTheOwnersRoleIsFixed()
    {
        var owner = await NewUserAsync();
        var admin = await NewUserAsync();
        var member = await NewUserAsync();
        var outsider = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, admin, TeamRoles.Admin);
        await owner.AddMemberAsync(team, member);

        var promoted = await owner.SendOkAsync<MemberDto>(HttpMethod.Put, $"/api/teams/{team.Id}/members/{member.User.Id}/role", new ChangeRoleRequest("admin"));
        Assert.Equal((member.User.Id, TeamRoles.Admin), (promoted.UserId, promoted.Role));

        using var byAdmin = await admin.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/members/{member.User.Id}/role", new ChangeRoleRequest("member"));
        await byAdmin.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var ofOwner = await owner.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/members/{owner.User.Id}/role", new ChangeRoleRequest("admin"));
        await ofOwner.AssertProblemAsync(HttpStatusCode.Conflict);
        using var ofOutsider = await owner.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/members/{outsider.User.Id}/role", new ChangeRoleRequest("admin"));
        await ofOutsider.AssertProblemAsync(HttpStatusCode.NotFound);
        using var toOwner = await owner.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/members/{member.User.Id}/role", new ChangeRoleRequest("owner"));
        await toOwner.AssertValidationProblemAsync("role");
        using var unknownValue = await owner.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/members/{member.User.Id}/role", new { role = "emperor" });
        await unknownValue.AssertValidationProblemAsync("role");
    }

    [Fact]
    public async Task RemovalFollowsRolesAndAnyoneButTheOwnerCanLeave()
    {
        var owner = await NewUserAsync();
        var admin = await NewUserAsync();
        var otherAdmin = await NewUserAsync();
        var member = await NewUserAsync();
        var leaver = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, admin, TeamRoles.Admin);
        await owner.AddMemberAsync(team, otherAdmin, TeamRoles.Admin);
        await owner.AddMemberAsync(team, member);
        await owner.AddMemberAsync(team, leaver);

        async Task Expect(TestUser actor, TestUser target, HttpStatusCode status)
        {
            using var response = await actor.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{target.User.Id}");
            if (status == HttpStatusCode.NoContent)
            {
                Assert.Equal(status, response.StatusCode);
            }
            else
            {
                await response.AssertProblemAsync(status);
            }
        }

        await Expect(member, leaver, HttpStatusCode.Forbidden);
        await Expect(admin, owner, HttpStatusCode.Forbidden);
        await Expect(admin, otherAdmin, HttpStatusCode.Forbidden);
        await Expect(owner, owner, HttpStatusCode.Conflict);
        await Expect(leaver, leaver, HttpStatusCode.NoContent);
        await Expect(admin, member, HttpStatusCode.NoContent);
        await Expect(owner, otherAdmin, HttpStatusCode.NoContent);
        await Expect(owner, member, HttpStatusCode.NotFound);

        var remaining = await owner.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}");
        Assert.Equal([owner.User.Id, admin.User.Id], remaining.Members!.Select(m => m.UserId).Order().ToArray().Order());
        using var gone = await member.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARetriedCreateWithTheSameIdempotencyKeyCreatesOneTeam()
    {
        var owner = await NewUserAsync();
        var key = Guid.NewGuid().ToString();
        var request = new CreateTeamRequest("Once only");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            (i % 2 == 0 ? owner : owner.On(cluster.Replica2.CreateClient())).SendAsync(HttpMethod.Post, "/api/teams", request, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<TeamDto>())!.Id));
        Assert.Single(ids.Distinct());
        Assert.Single(await owner.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"));

        using var otherKey = await owner.SendAsync(HttpMethod.Post, "/api/teams", request, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, otherKey.StatusCode);
        Assert.Equal(2, (await owner.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams")).Count);
    }

    [Fact]
    public async Task AnIdempotencyKeyIsPerUser()
    {
        var first = await NewUserAsync();
        var second = await NewUserAsync();
        var key = Guid.NewGuid().ToString();

        using var one = await first.SendAsync(HttpMethod.Post, "/api/teams", new CreateTeamRequest("First's"), key);
        using var two = await second.SendAsync(HttpMethod.Post, "/api/teams", new CreateTeamRequest("Second's"), key);

        var firstTeam = (await one.Content.ReadFromJsonAsync<TeamDto>())!;
        var secondTeam = (await two.Content.ReadFromJsonAsync<TeamDto>())!;
        Assert.Equal(("First's", "Second's"), (firstTeam.Name, secondTeam.Name));
        Assert.NotEqual(firstTeam.Id, secondTeam.Id);
    }

    [Fact]
    public async Task AnOverlongIdempotencyKeyIsRefused()
    {
        var owner = await NewUserAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, "/api/teams", new CreateTeamRequest("x"), new string('k', 201));

        await response.AssertValidationProblemAsync("Idempotency-Key");
    }
}
