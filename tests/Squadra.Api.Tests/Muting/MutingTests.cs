using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Muting;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Muting;

[Collection(ApiCollection.Name)]
public sealed class MutingTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    private static Task<HttpResponseMessage> MuteAsync(TestUser user, string chatPath, object body) =>
        user.SendAsync(HttpMethod.Put, $"{chatPath}/mute", body);

    private static async Task<DmDto> OpenDmAsync(TestUser caller, params TestUser[] others) =>
        await caller.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([.. others.Select(o => o.User.Id)]));

    private static Task<MessageDto> PostInDmAsync(TestUser author, DmDto dm, string body) =>
        author.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest(body));

    [Fact]
    public async Task MutingATeamsChatIsKeptForThatMemberAloneAndToldToTheirOtherDeviceOnTheOtherReplica()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await using var otherDevice = await HubListener.ConnectAsync(_replica2, member.Token);
        await using var ownersDevice = await HubListener.ConnectAsync(_replica2, owner.Token);

        using var muted = await MuteAsync(member, $"/api/teams/{team.Id}", new MuteRequest(true));

        Assert.Equal(HttpStatusCode.NoContent, muted.StatusCode);
        Assert.Equal(new ChatMutedPush(team.Id, null, true), await otherDevice.WaitForMuteAsync(_ => true, s_delivery));
        Assert.True((await member.On(_replica2).SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Muted);
        Assert.True((await member.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams")).Single(t => t.Id == team.Id).Muted);
        // A mute is each member's own, and nobody else learns of it.
        Assert.False((await owner.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Muted);
        await Task.Delay(300);
        Assert.Empty(ownersDevice.Mutes);

        using var unmuted = await MuteAsync(member.On(_replica2), $"/api/teams/{team.Id}", new MuteRequest(false));

        Assert.Equal(HttpStatusCode.NoContent, unmuted.StatusCode);
        Assert.Equal(new ChatMutedPush(team.Id, null, false), await otherDevice.WaitForMuteAsync(m => !m.Muted, s_delivery));
        Assert.False((await member.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Muted);
    }

    [Fact]
    public async Task MutingAgainChangesNothingAndTellsNoDevice()
    {
        var (_, member, team) = await cluster.TeamOfTwoAsync();
        // Connected first: the first mute's push may come after a later connect, so it is awaited, then counted.
        await using var device = await HubListener.ConnectAsync(_replica1, member.Token);
        using (var first = await MuteAsync(member, $"/api/teams/{team.Id}", new MuteRequest(true)))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }
        await device.WaitForMuteAsync(_ => true, s_delivery);

        using var again = await MuteAsync(member, $"/api/teams/{team.Id}", new MuteRequest(true));

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await Task.Delay(300);
        Assert.Single(device.Mutes);
        Assert.True((await member.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Muted);
    }

    [Fact]
    public async Task AMutedDmTellsThatMemberNothingUnlessAMessageMentionsThemWhileTheOthersAreToldAsBefore()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);
        var dm = await OpenDmAsync(owner, member, third);
        await using var otherDevice = await HubListener.ConnectAsync(_replica2, member.Token);

        using (var muted = await MuteAsync(member, $"/api/dms/{dm.Id}", new MuteRequest(true)))
        {
            Assert.Equal(HttpStatusCode.NoContent, muted.StatusCode);
        }
        Assert.Equal(new ChatMutedPush(null, dm.Id, true), await otherDevice.WaitForMuteAsync(_ => true, s_delivery));
        await PostInDmAsync(owner, dm, "quiet one");
        var mention = await PostInDmAsync(owner, dm, "@" + member.Username + " this one is for you");

        var membersNotices = (await member.NotificationsAsync()).Where(n => n.Type == NotificationTypes.DmMessage).ToList();
        var notice = Assert.Single(membersNotices);
        Assert.Equal(mention.Id, notice.Data.GetProperty("message").GetProperty("id").GetString());
        Assert.Equal(2, (await third.NotificationsAsync()).Count(n => n.Type == NotificationTypes.DmMessage));
        var seen = await member.SendOkAsync<DmDto>(HttpMethod.Get, $"/api/dms/{dm.Id}");
        Assert.True(seen.Muted);
        Assert.Equal(2L, seen.LastMessageSeq);
        Assert.True((await member.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms")).Single(d => d.Id == dm.Id).Muted);
        Assert.False((await third.SendOkAsync<DmDto>(HttpMethod.Get, $"/api/dms/{dm.Id}")).Muted);
    }

    [Fact]
    public async Task AMissingOrMistypedMutedIsRefusedAndChangesNothing()
    {
        var (_, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";

        using var missing = await MuteAsync(member, path, new { });
        using var nullValue = await MuteAsync(member, path, new { muted = (bool?)null });
        using var notABoolean = await MuteAsync(member, path, new { muted = "yes" });

        await missing.AssertValidationProblemAsync("muted");
        await nullValue.AssertValidationProblemAsync("muted");
        await notABoolean.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False((await member.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Muted);
    }

    [Fact]
    public async Task NobodyButAMemberMutesAChatAndTheKindsDoNotMix()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();
        var dm = await OpenDmAsync(owner, member);
        var teamMate = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, teamMate);
        var mute = new MuteRequest(true);

        using var strangerInTeam = await MuteAsync(stranger, $"/api/teams/{team.Id}", mute);
        using var outsiderInDm = await MuteAsync(teamMate, $"/api/dms/{dm.Id}", mute);
        using var dmAsTeam = await MuteAsync(member, $"/api/teams/{dm.Id}", mute);
        using var teamAsDm = await MuteAsync(member, $"/api/dms/{team.Id}", mute);
        using var unknown = await MuteAsync(member, $"/api/teams/{Guid.NewGuid()}", mute);
        using var anonymous = await _replica1.PutAsJsonAsync($"/api/teams/{team.Id}/mute", mute);

        foreach (var refused in new[] { strangerInTeam, outsiderInDm, dmAsTeam, teamAsDm, unknown })
        {
            await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False((await member.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Muted);
        Assert.False((await member.SendOkAsync<DmDto>(HttpMethod.Get, $"/api/dms/{dm.Id}")).Muted);
    }
}
