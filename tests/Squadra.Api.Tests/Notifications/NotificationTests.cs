using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Notifications;

[Collection(ApiCollection.Name)]
public sealed class NotificationTests(ApiCluster cluster)
{
    private Task<TestUser> NewUserAsync() => cluster.NewUserAsync();

    [Fact]
    public async Task MembershipChangesNotifyTheRightPeopleWithGaplessSeqs()
    {
        var owner = await NewUserAsync();
        var early = await NewUserAsync();
        var invitee = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, early);

        var invitation = await owner.InviteAsync(team, invitee);
        var received = Assert.Single(await invitee.NotificationsAsync());
        Assert.Equal((1L, NotificationTypes.InvitationReceived, team.Id), (received.Seq, received.Type, received.TeamId));
        Assert.Equal(invitation.Id, received.Data.GetProperty("invitation").GetProperty("id").GetString());

        await invitee.AcceptAsync(invitation);
        await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{invitee.User.Id}");

        var ownerTypes = (await owner.NotificationsAsync()).Select(n => (n.Seq, n.Type)).ToList();
        Assert.Equal([(1L, NotificationTypes.InvitationAccepted), (2L, NotificationTypes.InvitationAccepted)], ownerTypes);
        var earlyTypes = (await early.NotificationsAsync()).Select(n => n.Type).ToList();
        Assert.Equal([NotificationTypes.InvitationReceived, NotificationTypes.MemberJoined, NotificationTypes.MemberRemoved], earlyTypes);
        var inviteeNotifications = await invitee.NotificationsAsync();
        Assert.Equal([1L, 2L], inviteeNotifications.Select(n => n.Seq));
        Assert.Equal(invitee.User.Id, inviteeNotifications[1].Data.GetProperty("userId").GetString());
        Assert.Equal(NotificationTypes.MemberRemoved, inviteeNotifications[1].Type);
        var joined = (await early.NotificationsAsync())[1].Data.GetProperty("member");
        Assert.Equal(invitee.User.Id, joined.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task AnAcceptedInvitationReachesTheInviterOnceAndTheOtherMembersAsAJoin()
    {
        var owner = await NewUserAsync();
        var admin = await NewUserAsync();
        var newcomer = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, admin, TeamRoles.Admin);
        var adminBefore = (await admin.NotificationsAsync()).Count;
        var ownerBefore = (await owner.NotificationsAsync()).Count;

        await newcomer.AcceptAsync(await admin.InviteAsync(team, newcomer));

        // Issue 22: the inviter was told twice of one action, "joined" and "accepted your invitation".
        var toInviter = (await admin.NotificationsAsync()).Skip(adminBefore).Select(n => n.Type);
        Assert.Equal([NotificationTypes.InvitationAccepted], toInviter);
        var joined = Assert.Single((await owner.NotificationsAsync()).Skip(ownerBefore));
        Assert.Equal(NotificationTypes.MemberJoined, joined.Type);
        Assert.Equal(newcomer.User.Id, joined.Data.GetProperty("member").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task UnreadCountFallsAsNotificationsAreMarkedRead()
    {
        var owner = await NewUserAsync();
        var invitee = await NewUserAsync();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await owner.InviteAsync(await owner.CreateTeamAsync(), invitee);
        }
        Assert.Equal(3, await invitee.UnreadCountAsync());

        using var marked = await invitee.SendAsync(HttpMethod.Post, "/api/notifications/read", new MarkReadRequest(2));

        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        Assert.Equal(1, await invitee.UnreadCountAsync());
        var all = await invitee.NotificationsAsync();
        Assert.All(all.Take(2), n => Assert.NotNull(n.ReadAt));
        Assert.Null(all[2].ReadAt);
        Assert.Equal([3L], (await invitee.NotificationsAsync(after: 2)).Select(n => n.Seq));
    }

    [Fact]
    public async Task WithoutACursorTheNewestNotificationsComeBackAscending()
    {
        var owner = await NewUserAsync();
        var invitee = await NewUserAsync();
        foreach (var _ in Enumerable.Range(0, 5))
        {
            await owner.InviteAsync(await owner.CreateTeamAsync(), invitee);
        }

        var newest = await invitee.SendOkAsync<List<NotificationDto>>(HttpMethod.Get, "/api/notifications?limit=2");

        Assert.Equal([4L, 5L], newest.Select(n => n.Seq));
        Assert.Equal([1L, 2L], (await invitee.SendOkAsync<List<NotificationDto>>(HttpMethod.Get, "/api/notifications?after=0&limit=2")).Select(n => n.Seq));
        Assert.Equal([2L, 3L], (await invitee.SendOkAsync<List<NotificationDto>>(HttpMethod.Get, "/api/notifications?before=4&limit=2")).Select(n => n.Seq));
    }

    [Fact]
    public async Task RemovalNotificationsNameThePersonAndTheTeam()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var early = await NewUserAsync();
        var team = await owner.CreateTeamAsync("Named");
        await owner.AddMemberAsync(team, early);
        await owner.AddMemberAsync(team, member);

        await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}");

        var removed = (await member.NotificationsAsync()).Last().Data;
        Assert.Equal((member.User.Id, member.Username, "Named"),
            (removed.GetProperty("userId").GetString(), removed.GetProperty("username").GetString(), removed.GetProperty("teamName").GetString()));
        var joined = (await early.NotificationsAsync()).Single(n => n.Type == NotificationTypes.MemberJoined).Data;
        Assert.Equal("Named", joined.GetProperty("teamName").GetString());
    }

    [Theory]
    [InlineData("/api/notifications?limit=0", "limit")]
    [InlineData("/api/notifications?limit=201", "limit")]
    [InlineData("/api/notifications?after=-1", "after")]
    [InlineData("/api/notifications?before=0", "before")]
    [InlineData("/api/notifications?after=1&before=3", "after")]
    public async Task BadCursorsAreRefused(string path, string field)
    {
        var user = await NewUserAsync();

        using var response = await user.SendAsync(HttpMethod.Get, path);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task ANonNumericCursorIsABadRequest()
    {
        var user = await NewUserAsync();

        using var response = await user.SendAsync(HttpMethod.Get, "/api/notifications?after=abc");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MarkingReadNeedsASeq()
    {
        var user = await NewUserAsync();

        using var response = await user.SendAsync(HttpMethod.Post, "/api/notifications/read", new { });

        await response.AssertValidationProblemAsync("upToSeq");
    }

    [Fact]
    public async Task NotificationsNeedAToken()
    {
        using var response = await cluster.Replica1.CreateClient().GetAsync("/api/notifications");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ConcurrentChangesStillNumberEachUsersNotificationsWithoutGaps()
    {
        var invitee = await NewUserAsync();
        var owners = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => NewUserAsync()));
        var teams = await Task.WhenAll(owners.Select(o => o.CreateTeamAsync()));

        await Task.WhenAll(owners.Zip(teams).Select(pair => pair.First.InviteAsync(pair.Second, invitee)));

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], (await invitee.NotificationsAsync()).Select(n => n.Seq));
    }

    [Fact]
    public async Task DeletingATeamTellsItsOtherMembers()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var team = await owner.CreateTeamAsync("Doomed");
        await owner.AddMemberAsync(team, member);

        await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}");

        var last = (await member.NotificationsAsync()).Last();
        Assert.Equal((NotificationTypes.TeamDeleted, "Doomed"), (last.Type, last.Data.GetProperty("name").GetString()));
        Assert.DoesNotContain(await owner.NotificationsAsync(), n => n.Type == NotificationTypes.TeamDeleted);
    }
}
