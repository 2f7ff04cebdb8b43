using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Operations;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Teams;
using Squadra.Faults.Infrastructure;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// Issue 23: the replica count is a setting (SQUADRA_REPLICAS), and the fault stack runs three. Before any fault: every
/// replica knows the others (GET /api/cluster), the gateway sends to all of them, ./run.sh status names them, and a
/// message posted on one replica reaches members connected to each of the three.
/// </summary>
[Collection(FaultStackCollection.Name)]
[TestCaseOrderer(ByOrder.TypeName, ByOrder.AssemblyName)]
public sealed class ThreeReplicasTests(FaultStack stack, ITestOutputHelper output)
{
    [Fact, Order(0), Trait("Matrix", "ci")]
    public async Task EveryReplicaKnowsTheOthersServesThroughTheGatewayAndDeliversToTheOthers()
    {
        await FaultRun.WaitHealthyAsync(stack, output);
        using var gateway = stack.Client();
        var owner = stack.People.Writers[0];
        var members = stack.People.Subscribers.Take(FaultStack.ReplicaCount).ToList();

        using var last = stack.Client(FaultStack.ApiPort(FaultStack.Replicas[^1]));
        var cluster = await Population.SendAsync<ClusterDto>(last, owner, HttpMethod.Get, "/api/cluster", null);
        Assert.Equal(FaultStack.Replicas, cluster.Replicas.Select(r => r.Name));
        Assert.All(cluster.Replicas, r => Assert.True(r.Healthy, $"{r.Name} is not healthy in {FaultStack.Replicas[^1]}'s view"));

        var servedBy = new HashSet<string>();
        for (var i = 0; i < 30 && servedBy.Count < FaultStack.ReplicaCount; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new("Bearer", owner.Token);
            using var response = await gateway.SendAsync(request);
            servedBy.UnionWith(response.Headers.TryGetValues(ServedBy.HeaderName, out var names) ? names : []);
        }
        Assert.Equal(FaultStack.Replicas, servedBy.Order());

        // Asked without SQUADRA_REPLICAS, as an operator's next command would be: status describes what runs.
        var status = await ProcessRunner.RunCheckedAsync(Path.Combine(RepositoryRoot.Path, "run.sh"), ["status"],
            stack.Environment.Where(setting => setting.Key != "SQUADRA_REPLICAS").ToDictionary(), RepositoryRoot.Path, TimeSpan.FromMinutes(1));
        Assert.Contains($"Backends (3): api-1 127.0.0.1:{FaultStack.Api1Port}, api-2 127.0.0.1:{FaultStack.Api2Port}, api-3 127.0.0.1:{FaultStack.ApiPort("api-3")}", status, StringComparison.Ordinal);
        Assert.Contains($"Frontends (2): frontend-1 127.0.0.1:{FaultStack.FrontendPort}, frontend-2 127.0.0.1:{FaultStack.Frontend2Port}", status, StringComparison.Ordinal);

        // One member on each replica; the owner posts on the last one.
        var team = await Population.SendAsync<TeamDto>(gateway, owner, HttpMethod.Post, "/api/teams", new CreateTeamRequest("three replicas"));
        foreach (var member in members)
        {
            var invitation = await Population.SendAsync<InvitationDto>(gateway, owner, HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(member.Username));
            await Population.SendAsync<TeamDto>(gateway, member, HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept", null);
        }
        var received = new ConcurrentDictionary<string, MessageDto>();
        var connections = new List<HubConnection>();
        try
        {
            for (var i = 0; i < members.Count; i++)
            {
                var replica = FaultStack.Replicas[i];
                var connection = await ReplicaHub.ConnectAsync(new Uri($"http://127.0.0.1:{FaultStack.ApiPort(replica)}"), members[i]);
                connection.On<MessageDto>(RealtimeMethods.Message, message => received.TryAdd(replica, message));
                connections.Add(connection);
            }
            var posted = await Population.SendAsync<MessageDto>(last, owner, HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("hello, three replicas"));

            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(received.Count == members.Count), TimeSpan.FromSeconds(10)),
                $"the message reached members on {string.Join(", ", received.Keys.Order())} only");
            Assert.All(received.Values, message => Assert.Equal(posted.Id, message.Id));
            output.WriteLine($"/api/cluster lists {string.Join(", ", cluster.Replicas.Select(r => r.Name))}; the gateway answered from {string.Join(", ", servedBy.Order())}; a post on api-3 reached members on {string.Join(", ", received.Keys.Order())}");
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
