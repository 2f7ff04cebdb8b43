using System.Diagnostics;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Tests.Realtime;

[Collection(ApiCollection.Name)]
public sealed class ChatRealtimeTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AMessagePostedThroughOneReplicaReachesAMemberOnTheOtherAndNoOneElse()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var author = await TestUser.SignUpAsync(replica1);
        var reader = await TestUser.SignUpAsync(replica2);
        var outsider = await TestUser.SignUpAsync(replica2);
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        await using var readerHub = await HubListener.ConnectAsync(replica2, reader.Token);
        await using var outsiderHub = await HubListener.ConnectAsync(replica2, outsider.Token);
        await using var outsiderOnReplica1 = await HubListener.ConnectAsync(replica1, outsider.Token);

        var clock = Stopwatch.StartNew();
        var posted = await author.PostAsync(team, "hello from replica 1");
        var received = await readerHub.WaitForMessageAsync(m => m.Id == posted.Id, s_delivery);
        Assert.True(clock.Elapsed < s_delivery, $"took {clock.Elapsed}");
        Assert.Equal(posted, received);

        var edited = await author.SendOkAsync<MessageDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{posted.Id}", new EditMessageRequest("edited"));
        var update = await readerHub.WaitForUpdateAsync(m => m.Id == posted.Id && m.Body == "edited", s_delivery);
        Assert.Equal(edited, update);

        await Task.Delay(300);
        Assert.Empty(outsiderHub.ChatMessages);
        Assert.Empty(outsiderHub.ChatUpdates);
        Assert.Empty(outsiderOnReplica1.ChatMessages);
        Assert.DoesNotContain(outsiderHub.Notifications, n => n.TeamId == team.Id);
    }

    [Fact]
    public async Task AMemberRemovedWhileConnectedStopsReceivingTheTeamsMessagesAtOnce()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var owner = await TestUser.SignUpAsync(replica1);
        var leaver = await TestUser.SignUpAsync(replica2);
        var team = await owner.CreateTeamAsync();
        await using var leaverHub = await HubListener.ConnectAsync(replica2, leaver.Token);
        await using var ownerHub = await HubListener.ConnectAsync(replica2, owner.Token);

        await owner.AddMemberAsync(team, leaver);
        var before = await owner.PostAsync(team, "welcome");
        await leaverHub.WaitForMessageAsync(m => m.Id == before.Id, s_delivery);

        await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{leaver.User.Id}");
        await leaverHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.MemberRemoved, s_delivery);
        var after = await owner.PostAsync(team, "gone");
        await ownerHub.WaitForMessageAsync(m => m.Id == after.Id, s_delivery);
        await Task.Delay(200);

        Assert.DoesNotContain(leaverHub.ChatMessages, m => m.Id == after.Id);
    }
}
