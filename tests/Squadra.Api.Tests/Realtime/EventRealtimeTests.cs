using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Tests.Realtime;

[Collection(ApiCollection.Name)]
public sealed class EventRealtimeTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task EventNotificationsReachMembersOnBothReplicasButNotTheActor()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var actor = await TestUser.SignUpAsync(replica1);
        var onOne = await TestUser.SignUpAsync(replica1);
        var onTwo = await TestUser.SignUpAsync(replica2);
        var team = await actor.CreateTeamAsync();
        await actor.AddMemberAsync(team, onOne);
        await actor.AddMemberAsync(team, onTwo);
        await using var actorHub = await HubListener.ConnectAsync(replica2, actor.Token);
        await using var hubOne = await HubListener.ConnectAsync(replica1, onOne.Token);
        await using var hubTwo = await HubListener.ConnectAsync(replica2, onTwo.Token);

        var created = await actor.CreateEventAsync(team, "Live", new DateTimeOffset(2032, 1, 1, 10, 0, 0, TimeSpan.Zero));
        await actor.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{created.Id}");

        foreach (var hub in new[] { hubOne, hubTwo })
        {
            foreach (var type in new[] { NotificationTypes.EventCreated, NotificationTypes.EventCancelled })
            {
                var pushed = await hub.WaitForNotificationAsync(n => n.Type == type, s_delivery);
                Assert.Equal(created.Id, pushed.Data.GetProperty("event").GetProperty("id").GetString());
            }
        }
        await Task.Delay(200);
        Assert.DoesNotContain(actorHub.Notifications, n => n.Type.StartsWith("event.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnRsvpPushesTheNewCountsToTheTeam()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var owner = await TestUser.SignUpAsync(replica1);
        var member = await TestUser.SignUpAsync(replica2);
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, member);
        var created = await owner.CreateEventAsync(team, "Counted", new DateTimeOffset(2032, 2, 1, 10, 0, 0, TimeSpan.Zero));
        await using var ownerHub = await HubListener.ConnectAsync(replica2, owner.Token);

        await member.RsvpAsync(created, "going");

        var pushed = await ownerHub.WaitForEventAsync(e => e.Id == created.Id && e.Rsvp.Going == 1, s_delivery);
        Assert.Null(pushed.MyRsvp);
    }
}
