using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Presence;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Teams;
using Squadra.Faults.Infrastructure;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// Presence lives in the replicas' memory (src/Squadra.Api/Features/Presence): a replica killed with kill -9 says
/// nothing about its users, so the others must find out by its silence. The contract: its users are announced offline
/// within 30 s, unless they are connected to another replica too.
/// </summary>
[Collection(FaultStackCollection.Name)]
[TestCaseOrderer(ByOrder.TypeName, ByOrder.AssemblyName)]
public sealed class PresenceCrashTests(FaultStack stack, ITestOutputHelper output)
{
    private static readonly TimeSpan s_contract = TimeSpan.FromSeconds(30);

    [Fact, Order(13), Trait("Matrix", "ci")]
    public async Task AKilledReplicasUsersAreAnnouncedOfflineWithinThirtySecondsUnlessConnectedElsewhere()
    {
        // Fresh accounts, so no connection of theirs from another test is open anywhere.
        var people = await Population.SignUpAsync(stack.Gateway);
        var (watcher, leaving, staying) = (people.Writers[0], people.Subscribers[0], people.Subscribers[1]);
        await TeamOfAsync(watcher, leaving, staying);
        var api1 = new Uri($"http://127.0.0.1:{FaultStack.Api1Port}");
        var api2 = new Uri($"http://127.0.0.1:{FaultStack.Api2Port}");
        var pushes = new ConcurrentQueue<(TimeSpan At, PresenceDto Presence)>();
        var clock = Stopwatch.StartNew();
        await using var watching = await ReplicaHub.ConnectAsync(api2, watcher);
        watching.On<PresencePush>(RealtimeMethods.Presence, push =>
        {
            foreach (var presence in push.All)
            {
                pushes.Enqueue((clock.Elapsed, presence));
            }
        });
        await using var leavingOnApi1 = await ReplicaHub.ConnectAsync(api1, leaving);
        await using var stayingOnApi1 = await ReplicaHub.ConnectAsync(api1, staying);
        await using var stayingOnApi2 = await ReplicaHub.ConnectAsync(api2, staying);
        Assert.True(await Eventually.HoldsAsync(() => pushes.Count(p => p.Presence.Online) == 2, TimeSpan.FromSeconds(10)), "both never shown online");

        var pid = await Inject.KillProgramAsync(stack, "api-1");
        var killedAt = clock.Elapsed;
        Assert.True(await Eventually.HoldsAsync(() => pushes.Any(p => p.Presence is { Online: false } o && o.UserId == leaving.UserId), s_contract + TimeSpan.FromSeconds(5)),
            "the killed replica's user was never announced offline");
        var offline = pushes.First(p => !p.Presence.Online && p.Presence.UserId == leaving.UserId);
        // Anyone wrongly taken offline with the replica would have been announced at the same moment.
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var client = stack.Client(FaultStack.Api2Port, TimeSpan.FromSeconds(5));
        var asked = await Population.SendAsync<List<PresenceDto>>(
            client, watcher, HttpMethod.Get, $"/api/presence?userIds={leaving.UserId},{staying.UserId}", body: null);
        output.WriteLine($"kill -9 api-1 (pid {pid}): its user announced offline {(offline.At - killedAt).TotalSeconds:0.0} s later; pushes: {string.Join("; ", pushes)}");

        Assert.True(offline.At - killedAt <= s_contract, $"announced offline {offline.At - killedAt} after the kill");
        Assert.NotNull(offline.Presence.LastSeenAt);
        Assert.DoesNotContain(pushes, p => p.Presence.UserId == staying.UserId && !p.Presence.Online);
        Assert.False(asked.Single(p => p.UserId == leaving.UserId).Online);
        Assert.True(asked.Single(p => p.UserId == staying.UserId).Online);
        using var direct = stack.Client(FaultStack.Api1Port, TimeSpan.FromSeconds(2));
        Assert.True(await Eventually.HoldsAsync(async () => await IsReadyAsync(direct), TimeSpan.FromSeconds(60)), "api-1 not supervised back");
    }

    private async Task TeamOfAsync(Session owner, params Session[] members)
    {
        using var client = new HttpClient { BaseAddress = stack.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        var team = await Population.SendAsync<TeamDto>(client, owner, HttpMethod.Post, "/api/teams", new CreateTeamRequest("presence"));
        foreach (var member in members)
        {
            var invitation = await Population.SendAsync<InvitationDto>(client, owner, HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(member.Username));
            await Population.SendAsync<TeamDto>(client, member, HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept", null);
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
