using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Realtime;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Realtime;
using Squadra.Testing;

namespace Squadra.Api.Tests.Realtime;

[Collection(ApiCollection.Name)]
public sealed class CrossReplicaRealtimeTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(1);

    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    [Fact]
    public async Task ANotificationCommittedThroughOneReplicaReachesTheInviteeOnTheOtherWithinASecond()
    {
        var owner = await TestUser.SignUpAsync(_replica1);
        var invitee = await TestUser.SignUpAsync(_replica2);
        var team = await owner.CreateTeamAsync();
        await using var inviteeHub = await HubListener.ConnectAsync(_replica2, invitee.Token);

        var clock = Stopwatch.StartNew();
        var invitation = await owner.InviteAsync(team, invitee);
        var pushed = await inviteeHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.InvitationReceived, s_delivery);

        Assert.True(clock.Elapsed < s_delivery, $"took {clock.Elapsed}");
        Assert.Equal(invitation.Id, pushed.Data.GetProperty("invitation").GetProperty("id").GetString());
        var stored = Assert.Single(await invitee.NotificationsAsync());
        Assert.Equal((stored.Seq, stored.Type), (pushed.Seq, pushed.Type));
    }

    [Fact]
    public async Task AConnectionReceivesOnlyItsOwnUsersNotifications()
    {
        var owner = await TestUser.SignUpAsync(_replica1);
        var invitee = await TestUser.SignUpAsync(_replica1);
        var bystander = await TestUser.SignUpAsync(_replica1);
        await using var bystanderHub = await HubListener.ConnectAsync(_replica2, bystander.Token);
        await using var inviteeHub = await HubListener.ConnectAsync(_replica1, invitee.Token);

        await owner.InviteAsync(await owner.CreateTeamAsync(), invitee);
        await inviteeHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.InvitationReceived, s_delivery);
        await Task.Delay(300);

        Assert.Empty(bystanderHub.Notifications);
    }

    [Fact]
    public async Task JoiningAndLeavingMoveALiveConnectionInAndOutOfTheTeamGroupOnTheOtherReplica()
    {
        var owner = await TestUser.SignUpAsync(_replica1);
        var joiner = await TestUser.SignUpAsync(_replica1);
        var team = await owner.CreateTeamAsync();
        await using var ownerHub = await HubListener.ConnectAsync(_replica2, owner.Token);
        await using var joinerHub = await HubListener.ConnectAsync(_replica2, joiner.Token);
        var teamGroup = cluster.Replica2.Services.GetRequiredService<IHubContext<RealtimeHub>>().Clients.Group(HubGroups.Team(Guid.Parse(team.Id)));

        await owner.AddMemberAsync(team, joiner);
        await ownerHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.InvitationAccepted, s_delivery);
        var joined = await Eventually.FindAsync(async () =>
        {
            await teamGroup.SendAsync(RealtimeMethods.Message, "after joining");
            await Task.Delay(50);
            return joinerHub.Messages.Contains("after joining");
        }, s_delivery);
        Assert.True(joined, "the joiner's live connection did not join the team group");

        using var removed = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{joiner.User.Id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await joinerHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.MemberRemoved, s_delivery);
        await Task.Delay(300);
        await teamGroup.SendAsync(RealtimeMethods.Message, "after leaving");
        await ownerHub.WaitForMessageAsync("after leaving", s_delivery);

        Assert.DoesNotContain("after leaving", joinerHub.Messages);
    }

    [Fact]
    public async Task TheHubRefusesAConnectionWithoutAValidToken()
    {
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => HubListener.ConnectAsync(_replica1, "not-a-token"));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        using var negotiate = await _replica1.PostAsync($"{RealtimeMethods.HubPath}/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task TheHubRefusesARevokedToken()
    {
        var user = await TestUser.SignUpAsync(_replica1);
        await user.SendAsync(HttpMethod.Post, "/api/auth/logout");
        // Replica 2 learns of a logout on replica 1 within a bound (docs/decisions/0005-revoked-tokens-in-memory.md).
        await Revocation.TimeUntilRefusedAsync(_replica2, user.Token);

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => HubListener.ConnectAsync(_replica2, user.Token));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }
}
