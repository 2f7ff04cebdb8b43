using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Saved;

namespace Squadra.Api.Tests.Saved;

[Collection(ApiCollection.Name)]
public sealed class SavedTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    private static Task<HttpResponseMessage> SaveAsync(TestUser user, string chatPath, string messageId, object body) =>
        user.SendAsync(HttpMethod.Put, $"{chatPath}/messages/{messageId}/saved", body);

    private static async Task SaveOkAsync(TestUser user, string chatPath, string messageId, bool saved = true)
    {
        using var response = await SaveAsync(user, chatPath, messageId, new SaveRequest(saved));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static Task<MessageDto> PostAsync(TestUser author, string chatPath, string body) =>
        author.SendOkAsync<MessageDto>(HttpMethod.Post, $"{chatPath}/messages", new PostMessageRequest(body));

    private static Task<List<SavedMessageDto>> ListAsync(TestUser user, string query = "") =>
        user.SendOkAsync<List<SavedMessageDto>>(HttpMethod.Get, "/api/saved" + query);

    [Fact]
    public async Task SavedMessagesAreThatPersonsAloneListedNewestFirstAndToldToTheirOtherDeviceOnTheOtherReplica()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var inTeam = await PostAsync(owner, $"/api/teams/{team.Id}", "Kit list for Saturday");
        var inDm = await PostAsync(owner, $"/api/dms/{dm.Id}", "The code for the gate is 4711");
        await using var otherDevice = await HubListener.ConnectAsync(_replica2, member.Token);
        await using var ownersDevice = await HubListener.ConnectAsync(_replica2, owner.Token);

        await SaveOkAsync(member, $"/api/teams/{team.Id}", inTeam.Id);
        await SaveOkAsync(member, $"/api/dms/{dm.Id}", inDm.Id);

        Assert.Equal(new MessageSavedPush(inTeam.Id, true), await otherDevice.WaitForSaveAsync(s => s.MessageId == inTeam.Id, s_delivery));
        Assert.Equal(new MessageSavedPush(inDm.Id, true), await otherDevice.WaitForSaveAsync(s => s.MessageId == inDm.Id, s_delivery));
        var saved = await ListAsync(member.On(_replica2));
        Assert.Equal([inDm.Id, inTeam.Id], saved.Select(s => s.Message.Id));
        Assert.Equal([null, team.Name], saved.Select(s => s.TeamName));
        Assert.Equal("The code for the gate is 4711", saved[0].Message.Body);
        Assert.True(saved[0].SavedAt >= saved[1].SavedAt);
        Assert.Equal([inDm.Id, inTeam.Id], await member.SendOkAsync<List<string>>(HttpMethod.Get, "/api/saved/ids"));
        // What one saves is theirs alone, and nobody else learns of it.
        Assert.Empty(await ListAsync(owner));
        Assert.Empty(await owner.SendOkAsync<List<string>>(HttpMethod.Get, "/api/saved/ids"));
        await Task.Delay(300);
        Assert.Empty(ownersDevice.Saves);

        await SaveOkAsync(member.On(_replica2), $"/api/teams/{team.Id}", inTeam.Id, saved: false);

        Assert.Equal(new MessageSavedPush(inTeam.Id, false), await otherDevice.WaitForSaveAsync(s => !s.Saved, s_delivery));
        Assert.Equal([inDm.Id], (await ListAsync(member)).Select(s => s.Message.Id));
    }

    [Fact]
    public async Task SavingAgainOrUnsavingWhatWasNeverSavedChangesNothingAndTellsNoDevice()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var kept = await PostAsync(owner, path, "Keep me");
        var never = await PostAsync(owner, path, "Never saved");
        // Connected first: the first save's push may come after a later connect, so it is awaited, then counted.
        await using var device = await HubListener.ConnectAsync(_replica1, member.Token);
        await SaveOkAsync(member, path, kept.Id);
        await device.WaitForSaveAsync(s => s.MessageId == kept.Id, s_delivery);

        await SaveOkAsync(member, path, kept.Id);
        await SaveOkAsync(member, path, never.Id, saved: false);

        await Task.Delay(300);
        Assert.Single(device.Saves);
        Assert.Equal([kept.Id], (await ListAsync(member)).Select(s => s.Message.Id));
    }

    [Fact]
    public async Task ADeletedMessageCannotBeSavedAndLeavesTheListAsDoesATeamTheSaverLeft()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var deleted = await PostAsync(owner, path, "Soon gone");
        var other = await PostAsync(owner, path, "Stays");
        await SaveOkAsync(member, path, deleted.Id);
        await SaveOkAsync(member, path, other.Id);
        using (var delete = await owner.SendAsync(HttpMethod.Delete, $"{path}/messages/{deleted.Id}"))
        {
            Assert.True(delete.IsSuccessStatusCode);
        }

        Assert.Equal([other.Id], (await ListAsync(member)).Select(s => s.Message.Id));
        var afterDeletion = await PostAsync(owner, path, "Deleted before saved");
        using (var delete = await owner.SendAsync(HttpMethod.Delete, $"{path}/messages/{afterDeletion.Id}"))
        {
            Assert.True(delete.IsSuccessStatusCode);
        }
        using var saveDeleted = await SaveAsync(member, path, afterDeletion.Id, new SaveRequest(true));
        await saveDeleted.AssertProblemAsync(HttpStatusCode.Conflict);
        // Unsaving a deleted message still tidies the list.
        await SaveOkAsync(member, path, deleted.Id, saved: false);
        Assert.Equal([other.Id], await member.SendOkAsync<List<string>>(HttpMethod.Get, "/api/saved/ids"));

        using (var leave = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}"))
        {
            Assert.True(leave.IsSuccessStatusCode);
        }

        Assert.Empty(await ListAsync(member));
        using var saveAfterLeaving = await SaveAsync(member, path, other.Id, new SaveRequest(true));
        await saveAfterLeaving.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheListComesInPagesBeforeAnInstantGivenWithAnyOffset()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var first = await PostAsync(owner, path, "first");
        var second = await PostAsync(owner, path, "second");
        await SaveOkAsync(member, path, first.Id);
        await SaveOkAsync(member, path, second.Id);

        var page = await ListAsync(member, "?limit=1");
        var before = Uri.EscapeDataString(page[0].SavedAt.ToOffset(TimeSpan.FromHours(2)).ToString("O"));
        var next = await ListAsync(member, $"?limit=1&before={before}");

        Assert.Equal(second.Id, Assert.Single(page).Message.Id);
        Assert.Equal(first.Id, Assert.Single(next).Message.Id);
        using var none = await member.SendAsync(HttpMethod.Get, "/api/saved?limit=0");
        using var tooMany = await member.SendAsync(HttpMethod.Get, $"/api/saved?limit={SavedRules.MaxLimit + 1}");
        using var notAnInstant = await member.SendAsync(HttpMethod.Get, "/api/saved?before=yesterday");
        await none.AssertValidationProblemAsync("limit");
        await tooMany.AssertValidationProblemAsync("limit");
        await notAnInstant.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OnePersonKeepsAtMostTheCapSaved()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var kept = await PostAsync(owner, path, "Already saved");
        var oneTooMany = await PostAsync(owner, path, "One too many");
        await SaveOkAsync(member, path, kept.Id);
        // The cap's worth of saved rows, written straight (a thousand requests would only take longer).
        await Sql.ExecuteAsync(cluster.ConnectionString,
            """
            WITH filler AS (
                INSERT INTO messages (id, team_id, seq, author_id, body)
                SELECT gen_random_uuid(), @team, 1000 + n, @author, 'filler ' || n FROM generate_series(1, @count) n
                RETURNING id
            )
            INSERT INTO saved_messages (user_id, message_id, saved_at) SELECT @member, id, now() - interval '1 day' FROM filler
            """,
            ("team", Guid.Parse(team.Id)), ("author", Guid.Parse(owner.User.Id)), ("member", Guid.Parse(member.User.Id)),
            ("count", SavedRules.MaxPerUser - 1));

        using var refused = await SaveAsync(member, path, oneTooMany.Id, new SaveRequest(true));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(SavedRules.MaxPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString());
        // Saving one already saved is still fine at the cap, and removing one makes room.
        await SaveOkAsync(member, path, kept.Id);
        await SaveOkAsync(member, path, kept.Id, saved: false);
        await SaveOkAsync(member, path, oneTooMany.Id);
    }

    [Fact]
    public async Task AMissingOrMistypedSavedIsRefusedAndChangesNothing()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var message = await PostAsync(owner, path, "Hello");

        using var missing = await SaveAsync(member, path, message.Id, new { });
        using var nullValue = await SaveAsync(member, path, message.Id, new { saved = (bool?)null });
        using var notABoolean = await SaveAsync(member, path, message.Id, new { saved = "yes" });

        await missing.AssertValidationProblemAsync("saved");
        await nullValue.AssertValidationProblemAsync("saved");
        await notABoolean.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await ListAsync(member));
    }

    [Fact]
    public async Task NobodyButAMemberSavesAMessageAndNeitherTheKindsNorTheChatsMix()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var otherTeam = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(otherTeam, member);
        var stranger = await cluster.NewUserAsync();
        var teamMate = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, teamMate);
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var inTeam = await PostAsync(owner, $"/api/teams/{team.Id}", "team message");
        var inDm = await PostAsync(owner, $"/api/dms/{dm.Id}", "dm message");
        var save = new SaveRequest(true);

        using var strangerInTeam = await SaveAsync(stranger, $"/api/teams/{team.Id}", inTeam.Id, save);
        using var outsiderInDm = await SaveAsync(teamMate, $"/api/dms/{dm.Id}", inDm.Id, save);
        using var dmAsTeam = await SaveAsync(member, $"/api/teams/{dm.Id}", inDm.Id, save);
        using var teamAsDm = await SaveAsync(member, $"/api/dms/{team.Id}", inTeam.Id, save);
        using var underAnotherTeam = await SaveAsync(member, $"/api/teams/{otherTeam.Id}", inTeam.Id, save);
        using var unknownMessage = await SaveAsync(member, $"/api/teams/{team.Id}", Guid.NewGuid().ToString(), save);
        using var anonymous = await _replica1.PutAsJsonAsync($"/api/teams/{team.Id}/messages/{inTeam.Id}/saved", save);
        using var anonymousList = await _replica1.GetAsync("/api/saved");
        using var anonymousIds = await _replica1.GetAsync("/api/saved/ids");

        foreach (var refused in new[] { strangerInTeam, outsiderInDm, dmAsTeam, teamAsDm, underAnotherTeam, unknownMessage })
        {
            await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        foreach (var refused in new[] { anonymous, anonymousList, anonymousIds })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        foreach (var user in new[] { stranger, teamMate, member })
        {
            Assert.Empty(await ListAsync(user));
        }
    }
}
