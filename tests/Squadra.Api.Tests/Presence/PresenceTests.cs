using System.Net;
using Npgsql;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Presence;
using Squadra.Testing;

namespace Squadra.Api.Tests.Presence;

[Collection(ApiCollection.Name)]
public sealed class PresenceTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    private static async Task<List<PresenceDto>> PresenceAsync(TestUser caller, params TestUser[] users) =>
        await caller.SendOkAsync<List<PresenceDto>>(HttpMethod.Get, $"/api/presence?userIds={string.Join(',', users.Select(u => u.User.Id))}");

    [Fact]
    public async Task AUserIsOnlineWhileAnyOfTheirConnectionsOnAnyReplicaIsOpenAndTheirTeamMatesAreToldOfEachChange()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        await using var watcher = await HubListener.ConnectAsync(_replica1, owner.Token);
        Assert.Equal([new PresenceDto(member.User.Id, false, null)], await PresenceAsync(owner, member));

        var phone = await HubListener.ConnectAsync(_replica2, member.Token);
        var online = await watcher.WaitForPresenceAsync(p => p.UserId == member.User.Id, s_delivery);
        Assert.Equal(new PresenceDto(member.User.Id, true, null), online);
        var laptop = await HubListener.ConnectAsync(_replica1, member.Token);
        await phone.DisposeAsync();
        await Task.Delay(s_quiet);
        Assert.Single(watcher.Presence);
        Assert.True((await PresenceAsync(owner.On(_replica2), member)).Single().Online);

        await laptop.DisposeAsync();
        var offline = await watcher.WaitForPresenceAsync(p => !p.Online, s_delivery);

        Assert.Equal(member.User.Id, offline.UserId);
        Assert.NotNull(offline.LastSeenAt);
        Assert.InRange(offline.LastSeenAt.Value, DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(1));
        var asked = (await PresenceAsync(owner.On(_replica2), member)).Single();
        Assert.False(asked.Online);
        Assert.NotNull(asked.LastSeenAt);
        Assert.Equal(2, watcher.Presence.Count);
    }

    [Fact]
    public async Task OnlyUsersWhoShareATeamOrADmAreToldAndAnswered()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var stranger = await cluster.NewUserAsync();
        await stranger.CreateTeamAsync();
        // After this the two share only their DM.
        using var left = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}");
        Assert.True(left.IsSuccessStatusCode, await left.Content.ReadAsStringAsync());
        await using var ownerHub = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var strangerHub = await HubListener.ConnectAsync(_replica2, stranger.Token);

        await using var memberHub = await HubListener.ConnectAsync(_replica2, member.Token);

        await ownerHub.WaitForPresenceAsync(p => p.UserId == member.User.Id && p.Online, s_delivery);
        await Task.Delay(s_quiet);
        Assert.Empty(strangerHub.Presence);
        Assert.Equal([member.User.Id], (await PresenceAsync(owner, member, stranger)).Select(p => p.UserId));
        Assert.Empty(await PresenceAsync(stranger, owner, member));
    }

    [Fact]
    public async Task ChangesWithinASecondReachAConnectionTogetherEachUserOnce()
    {
        var owner = await cluster.NewUserAsync();
        var team = await owner.CreateTeamAsync();
        var members = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.NewUserAsync()));
        foreach (var member in members)
        {
            await owner.AddMemberAsync(team, member);
        }
        await using var watcher = await HubListener.ConnectAsync(_replica1, owner.Token);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        // One replica's window: the first change goes out at once, the ones within the second after it together
        // (PushWindowsTests times that exactly; here four connects take well under a second).
        var hubs = await Task.WhenAll(members.Select(m => HubListener.ConnectAsync(_replica2, m.Token)));

        Assert.True(await Eventually.HoldsAsync(() => watcher.Presence.Count == 4, s_delivery));
        Assert.Equal(members.Select(m => m.User.Id).Order(), watcher.Presence.Where(p => p.Online).Select(p => p.UserId).Order());
        Assert.InRange(watcher.PresencePushes, 1, 3);
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnOfflineHeldUpByItsLastSeenWriteIsNeverToldAfterTheOnlineThatFollowedIt()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        // All on the replica the member leaves: the one that writes "last seen" before it pushes "offline".
        await using var watcher = await HubListener.ConnectAsync(_replica1, owner.Token);
        var laptop = await HubListener.ConnectAsync(_replica1, member.Token);
        await watcher.WaitForPresenceAsync(p => p.UserId == member.User.Id, s_delivery);
        // A quiet window: the "offline" goes out at once, the "online" after it at the window's end.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var rowLock = new NpgsqlConnection(cluster.ConnectionString);
        await rowLock.OpenAsync();
        await using var heldUp = await rowLock.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand("SELECT 1 FROM users WHERE id = @id FOR NO KEY UPDATE", rowLock, heldUp))
        {
            select.Parameters.AddWithValue("id", Guid.Parse(member.User.Id));
            await select.ExecuteNonQueryAsync();
        }

        await laptop.DisposeAsync();
        await Task.Delay(s_quiet);
        await using var phone = await HubListener.ConnectAsync(_replica1, member.Token);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await heldUp.RollbackAsync();

        Assert.True(await Eventually.HoldsAsync(() => watcher.Presence.Count(p => p.UserId == member.User.Id) >= 3, s_delivery));
        await Task.Delay(s_quiet);
        Assert.Equal([true, false, true], watcher.Presence.Where(p => p.UserId == member.User.Id).Select(p => p.Online));
    }

    [Fact]
    public async Task AskingForNoUsersTooManyOrSomethingElseThanIdsIsRefused()
    {
        var user = await cluster.NewUserAsync();

        using var none = await user.SendAsync(HttpMethod.Get, "/api/presence");
        using var empty = await user.SendAsync(HttpMethod.Get, "/api/presence?userIds=");
        using var malformed = await user.SendAsync(HttpMethod.Get, $"/api/presence?userIds={user.User.Id},nobody");
        using var tooMany = await user.SendAsync(HttpMethod.Get, $"/api/presence?userIds={string.Join(',', Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()))}");
        using var anonymous = await _replica1.GetAsync($"/api/presence?userIds={user.User.Id}");

        foreach (var refused in new[] { none, empty, malformed, tooMany })
        {
            await refused.AssertValidationProblemAsync("userIds");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await user.SendOkAsync<List<PresenceDto>>(HttpMethod.Get, $"/api/presence?userIds={Guid.NewGuid()}"));
    }
}
