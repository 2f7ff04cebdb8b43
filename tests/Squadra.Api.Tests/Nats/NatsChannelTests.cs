using System.Diagnostics;
using System.Net.Http.Json;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Realtime;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Notifications;
using Squadra.Testing;

namespace Squadra.Api.Tests.Nats;

/// <summary>
/// Issue 23: <c>Realtime:Channel = nats</c>. Two replicas on real Kestrel announce on a real three-node NATS cluster;
/// each hears only the subjects of its own connections' topics, and the sweep still guarantees delivery when NATS
/// loses announcements (a node killed).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NatsChannelTests(ApiCluster cluster) : IAsyncLifetime
{
    // Well under the sweep interval these replicas run with: what arrives this fast came through NATS.
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(2);
    private static readonly IReadOnlyDictionary<string, string> s_slowSweep = new Dictionary<string, string> { ["Realtime:Fanout:SweepInterval"] = "00:00:30" };

    private NatsCluster _nats = null!;

    public async Task InitializeAsync() => _nats = await NatsCluster.StartAsync();

    public async Task DisposeAsync() => await _nats.DisposeAsync();

    [Fact]
    public async Task TeamMessagesDmMessagesAndNotificationsCrossReplicasOverNats()
    {
        await using var one = cluster.StartNatsReplica(NewName(), _nats, s_slowSweep);
        await using var two = cluster.StartNatsReplica(NewName(), _nats, s_slowSweep);
        var owner = await TestUser.SignUpAsync(one.CreateClient());
        var member = await TestUser.SignUpAsync(one.CreateClient());
        var invitee = await TestUser.SignUpAsync(one.CreateClient());
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, member);
        using var opened = await owner.SendAsync(HttpMethod.Post, "/api/dms", new { userIds = new[] { member.User.Id } }, idempotencyKey: Guid.NewGuid().ToString());
        var dm = (await opened.Content.ReadFromJsonAsync<DmDto>())!;
        await using var memberHub = await HubListener.ConnectAsync(two.CreateClient(), member.Token);
        await using var inviteeHub = await HubListener.ConnectAsync(two.CreateClient(), invitee.Token);

        var clock = Stopwatch.StartNew();
        var inTeam = await owner.PostAsync(team, "over nats");
        var inDm = await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest("privately over nats"));
        await owner.InviteAsync(team, invitee);

        await memberHub.WaitForMessageAsync(m => m.Id == inTeam.Id, s_delivery);
        await memberHub.WaitForMessageAsync(m => m.Id == inDm.Id, s_delivery);
        await inviteeHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.InvitationReceived, s_delivery);
        Assert.True(clock.Elapsed < 2 * s_delivery, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AReplicaHearsATeamsAnnouncementsOnlyWhileOneOfItsConnectionsIsInTheTeam()
    {
        await using var one = cluster.StartNatsReplica(NewName(), _nats, s_slowSweep, services => services.AddFanout<AnnouncedMessages>());
        await using var two = cluster.StartNatsReplica(NewName(), _nats, s_slowSweep, services => services.AddFanout<AnnouncedMessages>());
        var heardOnOne = one.Services.GetRequiredService<AnnouncedMessages>().Teams;
        var heardOnTwo = two.Services.GetRequiredService<AnnouncedMessages>().Teams;
        var owner = await TestUser.SignUpAsync(one.CreateClient());
        var member = await TestUser.SignUpAsync(one.CreateClient());
        var bystander = await TestUser.SignUpAsync(one.CreateClient());
        var team = await owner.CreateTeamAsync();
        var teamId = Guid.Parse(team.Id);
        await owner.AddMemberAsync(team, member);
        await using var ownerHub = await HubListener.ConnectAsync(one.CreateClient(), owner.Token);
        // Replica two has a connection, but none in the team.
        await using var bystanderHub = await HubListener.ConnectAsync(two.CreateClient(), bystander.Token);

        var unheard = await owner.PostAsync(team, "nobody on two is in the team");
        await ownerHub.WaitForMessageAsync(m => m.Id == unheard.Id, s_delivery);
        Assert.Contains(teamId, heardOnOne);
        Assert.DoesNotContain(teamId, heardOnTwo);

        // A member connects to two: from its Ready on, two hears the team.
        await using (var memberHub = await HubListener.ConnectAsync(two.CreateClient(), member.Token))
        {
            var heard = await owner.PostAsync(team, "now two is in the team");
            await memberHub.WaitForMessageAsync(m => m.Id == heard.Id, s_delivery);
            Assert.Contains(teamId, heardOnTwo);
        }

        // Their last connection there closed: two unsubscribes and hears the team no more.
        await Eventually.FindAsync(() => two.Services.GetRequiredService<ConnectionRegistry>().Wants(FanoutTopic.Conversation(teamId)) is false, s_delivery);
        await Task.Delay(300);
        var before = heardOnTwo.Count(t => t == teamId);
        var gone = await owner.PostAsync(team, "two left the team's subject");
        await ownerHub.WaitForMessageAsync(m => m.Id == gone.Id, s_delivery);
        await Task.Delay(300);
        Assert.Equal(before, heardOnTwo.Count(t => t == teamId));
    }

    [Fact]
    public async Task EverySubscriberGetsEveryMessageExactlyOnceWhenANatsNodeIsKilledUnderLoad()
    {
        const int PerPoster = 150;
        var (oneName, twoName) = (NewName(), NewName());
        await using var one = cluster.StartNatsReplica(oneName, _nats);
        await using var two = cluster.StartNatsReplica(twoName, _nats);
        var owner = await TestUser.SignUpAsync(one.CreateClient());
        var member = await TestUser.SignUpAsync(two.CreateClient());
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, member);
        await using var onOne = await HubListener.ConnectAsync(one.CreateClient(), owner.Token);
        await using var onTwo = await HubListener.ConnectAsync(two.CreateClient(), member.Token);
        // The node replica one's client is on dies: one loses its connection for sure, two maybe too.
        var victim = await _nats.NodeOfClientAsync($"squadra-{oneName}") ?? throw new InvalidOperationException("replica one has no NATS connection");
        var reconnects = await MetricAsync(one, "squadra_nats_reconnects_total");
        var received = await MetricAsync(one, "squadra_fanout_received_total");

        var posting = Task.WhenAll(PostManyAsync(owner, team, "one", PerPoster), PostManyAsync(member, team, "two", PerPoster));
        await Task.Delay(TimeSpan.FromSeconds(2));
        _nats.Kill(victim);
        var posted = (await posting).SelectMany(ids => ids).ToHashSet();

        // A few sweep intervals (1.5 s) for what the dead node swallowed.
        foreach (var subscriber in new[] { onOne, onTwo })
        {
            var complete = await Eventually.FindAsync(() => posted.IsSubsetOf(subscriber.ChatMessages.Select(m => m.Id)), TimeSpan.FromSeconds(10));
            Assert.True(complete, $"{posted.Except(subscriber.ChatMessages.Select(m => m.Id)).Count()} of {posted.Count} messages never arrived");
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var subscriber in new[] { onOne, onTwo })
        {
            var seqs = subscriber.ChatMessages.Select(m => m.Seq).ToList();
            Assert.Equal(2 * PerPoster, seqs.Count);
            Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(s => (long)s), seqs);
        }
        using var ready = await one.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // Replica one did lose its node and come back on another (in-process replicas share these counters).
        Assert.True(await MetricAsync(one, "squadra_nats_reconnects_total") > reconnects, "replica one never reconnected");
        Assert.True(await MetricAsync(one, "squadra_fanout_received_total") > received, "nothing was received over NATS");
    }

    [Fact]
    public async Task OnThePostgresChannelTheReceivedCounterCountsTheDecodedPayloadsToo()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await using var memberHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), member.Token);
        var received = await MetricAsync(cluster.Replica2, "squadra_fanout_received_total");

        var message = await owner.PostAsync(team, "over NOTIFY");
        await memberHub.WaitForMessageAsync(m => m.Id == message.Id, s_delivery);

        Assert.True(await MetricAsync(cluster.Replica2, "squadra_fanout_received_total") > received);
    }

    [Theory]
    [InlineData("kafka", "nats://127.0.0.1:4222", "Realtime:Channel 'kafka' is neither 'postgres' nor 'nats'")]
    [InlineData("nats", "", "Realtime:Nats:Url must list the NATS servers")]
    [InlineData("nats", "nats://127.0.0.1:4222,http://127.0.0.1:4223", "Realtime:Nats:Url: 'http://127.0.0.1:4223' is not nats://host:port")]
    [InlineData("nats", "nats://127.0.0.1", "Realtime:Nats:Url: 'nats://127.0.0.1' is not nats://host:port")]
    public async Task AReplicaWithAWrongNatsChannelSettingDoesNotStartAndNamesIt(string channel, string url, string named)
    {
        await using var broken = cluster.StartReplica(NewName(), settings: new Dictionary<string, string>
        {
            ["Realtime:Channel"] = channel,
            ["Realtime:Nats:Url"] = url,
        });

        var failure = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<double> MetricAsync(ApiFactory replica, string name)
    {
        var metrics = await replica.CreateClient().GetStringAsync("/metrics");
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string NewName() => $"api-nats-{Guid.NewGuid():N}"[..16];

    /// <summary>Posts <paramref name="count"/> messages one after the other, ~15 a second; returns their ids.</summary>
    private static async Task<List<string>> PostManyAsync(TestUser author, Squadra.Contracts.Teams.TeamDto team, string label, int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await author.PostAsync(team, $"{label} {i}")).Id);
            await Task.Delay(40);
        }
        return ids;
    }
}
