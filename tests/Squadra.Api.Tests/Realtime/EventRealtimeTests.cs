using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Events;
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

    [Fact]
    public async Task ASeriesMadeChangedOrCancelledIsOnePushPerMemberNotOnePerOccurrence()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var owner = await TestUser.SignUpAsync(replica1);
        var member = await TestUser.SignUpAsync(replica2);
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, member);
        await using var ownerHub = await HubListener.ConnectAsync(replica1, owner.Token);
        await using var memberHub = await HubListener.ConnectAsync(replica2, member.Token);

        var first = await owner.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest(
            "Training", "2032-03-02T18:30:00+01:00", Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, TimeZone: "Europe/Rome")));
        await AssertOnePushEachAsync([ownerHub, memberHub], first, EventRules.ScopeAll);

        var occurrences = (await owner.SendOkAsync<List<EventDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/events"))
            .Where(e => e.SeriesId == first.SeriesId).ToList();
        Assert.InRange(occurrences.Count, 50, 54);
        var tenth = occurrences[9];
        await owner.SendOkAsync<EventDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{tenth.Id}?scope=following",
            new UpdateEventRequest(Location: "Field 2"));
        await AssertOnePushEachAsync([ownerHub, memberHub], tenth, EventRules.ScopeFollowing);

        await owner.SendOkAsync<EventDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{first.Id}?scope=all", new UpdateEventRequest(Title: "Practice"));
        await AssertOnePushEachAsync([ownerHub, memberHub], first, EventRules.ScopeAll);

        using (var cancel = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{tenth.Id}?scope=following"))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        }
        var cancelled = await AssertOnePushEachAsync([ownerHub, memberHub], tenth, EventRules.ScopeFollowing);
        Assert.True(cancelled.Cancelled);
    }

    /// <summary>
    /// Waits for each hub's push of the change, which names the series and the scope, then checks that nothing else
    /// came (an occurrence's own push would follow within the same fan-out); empties the queues for the next change.
    /// </summary>
    private static async Task<EventChangedPush> AssertOnePushEachAsync(HubListener[] hubs, EventDto on, string scope)
    {
        EventChangedPush? last = null;
        foreach (var hub in hubs)
        {
            last = await hub.WaitForEventAsync(e => e.Id == on.Id && e.SeriesChange?.Scope == scope, TimeSpan.FromSeconds(5));
            Assert.Equal(on.SeriesId, last.SeriesChange!.SeriesId);
        }
        await Task.Delay(500);
        foreach (var hub in hubs)
        {
            Assert.Single(hub.Events);
            hub.Events.Clear();
        }
        return last!;
    }
}
