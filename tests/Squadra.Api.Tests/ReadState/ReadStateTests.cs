using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.ReadState;

[Collection(ApiCollection.Name)]
public sealed class ReadStateTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    private static Task<HttpResponseMessage> MarkReadAsync(TestUser user, string path, object body) =>
        user.SendAsync(HttpMethod.Put, $"{path}/read", body);

    private static async Task<TeamDto> TeamAsSeenByAsync(TestUser user, TeamDto team) =>
        await user.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}");

    [Fact]
    public async Task ReadingOnOneDeviceIsKeptOnTheServerAndToldToTheUsersOtherDevicesOnTheOtherReplica()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        for (var i = 0; i < 3; i++)
        {
            await owner.PostAsync(team, $"message {i}");
        }
        await using var otherDevice = await HubListener.ConnectAsync(_replica2, member.Token);
        await using var ownersDevice = await HubListener.ConnectAsync(_replica2, owner.Token);

        using var marked = await MarkReadAsync(member, $"/api/teams/{team.Id}", new MarkReadRequest(2));

        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        var pushed = await otherDevice.WaitForReadStateAsync(_ => true, s_delivery);
        Assert.Equal(new ReadStatePush(team.Id, null, 2), pushed);
        var seen = await TeamAsSeenByAsync(member.On(_replica2), team);
        Assert.Equal((3L, 2L), (seen.LastMessageSeq, seen.LastReadSeq));
        Assert.Equal(2L, (await member.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams")).Single(t => t.Id == team.Id).LastReadSeq);
        // Read state is each member's own.
        Assert.Equal(0L, (await TeamAsSeenByAsync(owner, team)).LastReadSeq);
        await Task.Delay(300);
        Assert.Empty(ownersDevice.ReadStates);
    }

    [Fact]
    public async Task ReadStateNeverMovesBackwardsWhateverOrderDevicesReportIn()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        for (var i = 0; i < 20; i++)
        {
            await owner.PostAsync(team, $"message {i}");
        }
        await using var device = await HubListener.ConnectAsync(_replica1, member.Token);

        // Two devices reporting at once through both replicas, in no particular order.
        var reports = Enumerable.Range(1, 20).Select(seq => Task.Run(async () =>
        {
            using var response = await MarkReadAsync(member.On(seq % 2 == 0 ? _replica1 : _replica2), $"/api/teams/{team.Id}", new MarkReadRequest(seq));
            return response.StatusCode;
        }));
        Assert.All(await Task.WhenAll(reports), status => Assert.Equal(HttpStatusCode.NoContent, status));
        using var stale = await MarkReadAsync(member, $"/api/teams/{team.Id}", new MarkReadRequest(5));

        Assert.Equal(HttpStatusCode.NoContent, stale.StatusCode);
        Assert.Equal(20L, (await TeamAsSeenByAsync(member, team)).LastReadSeq);
        await device.WaitForReadStateAsync(r => r.Seq == 20, s_delivery);
        // Each push told of a step forward: a device applying them in any order ends at the highest.
        var pushed = device.ReadStates.Select(r => r.Seq).ToList();
        Assert.Equal(pushed.Count, pushed.Distinct().Count());
        Assert.DoesNotContain(5L, pushed.Skip(pushed.IndexOf(20)));
    }

    [Fact]
    public async Task ADmsReadStateIsKeptAndPushedAsTheDms()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest("hi"));
        await using var otherDevice = await HubListener.ConnectAsync(_replica2, member.Token);

        using var marked = await MarkReadAsync(member, $"/api/dms/{dm.Id}", new MarkReadRequest(1));

        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        Assert.Equal(new ReadStatePush(null, dm.Id, 1), await otherDevice.WaitForReadStateAsync(_ => true, s_delivery));
        var seen = await member.SendOkAsync<DmDto>(HttpMethod.Get, $"/api/dms/{dm.Id}");
        Assert.Equal((1L, 1L), (seen.LastMessageSeq, seen.LastReadSeq));
        Assert.Equal(0L, (await owner.SendOkAsync<DmDto>(HttpMethod.Get, $"/api/dms/{dm.Id}")).LastReadSeq);
    }

    [Fact]
    public async Task ASeqMissingNegativeOrPastTheNewestMessageIsRefused()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await owner.PostAsync(team, "only one");
        var path = $"/api/teams/{team.Id}";

        using var missing = await MarkReadAsync(member, path, new { });
        using var negative = await MarkReadAsync(member, path, new MarkReadRequest(-1));
        using var beyond = await MarkReadAsync(member, path, new MarkReadRequest(2));
        using var notANumber = await MarkReadAsync(member, path, new { seq = "one" });

        await missing.AssertValidationProblemAsync("seq");
        await negative.AssertValidationProblemAsync("seq");
        await beyond.AssertValidationProblemAsync("seq");
        await notANumber.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0L, (await TeamAsSeenByAsync(member, team)).LastReadSeq);
    }

    [Fact]
    public async Task NobodyButAMemberMarksAChatReadAndTheKindsDoNotMix()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var teamMate = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, teamMate);
        var zero = new MarkReadRequest(0);

        using var strangerInTeam = await MarkReadAsync(stranger, $"/api/teams/{team.Id}", zero);
        using var outsiderInDm = await MarkReadAsync(teamMate, $"/api/dms/{dm.Id}", zero);
        using var dmAsTeam = await MarkReadAsync(member, $"/api/teams/{dm.Id}", zero);
        using var teamAsDm = await MarkReadAsync(member, $"/api/dms/{team.Id}", zero);
        using var unknown = await MarkReadAsync(member, $"/api/teams/{Guid.NewGuid()}", zero);
        using var anonymous = await _replica1.PutAsJsonAsync($"/api/teams/{team.Id}/read", zero);

        foreach (var refused in new[] { strangerInTeam, outsiderInDm, dmAsTeam, teamAsDm, unknown })
        {
            await refused.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
