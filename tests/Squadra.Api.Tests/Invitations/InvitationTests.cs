using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Invitations;

[Collection(ApiCollection.Name)]
public sealed class InvitationTests(ApiCluster cluster)
{
    private Task<TestUser> NewUserAsync() => cluster.NewUserAsync();

    [Fact]
    public async Task AnInviteeSeesTheInvitationAcceptsItAndBecomesAMember()
    {
        var owner = await NewUserAsync();
        var invitee = await NewUserAsync();
        var team = await owner.CreateTeamAsync("Choir");

        using var created = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(invitee.Username.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invitation = (await created.Content.ReadFromJsonAsync<InvitationDto>())!;
        Assert.Equal((team.Id, "Choir", owner.User, invitee.User, InvitationStatuses.Pending),
            (invitation.TeamId, invitation.TeamName, invitation.Inviter, invitation.Invitee, invitation.Status));

        Assert.Equal([invitation.Id], (await invitee.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, "/api/invitations")).Select(i => i.Id));
        Assert.Equal([invitation.Id], (await owner.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/invitations")).Select(i => i.Id));

        var joined = await invitee.AcceptAsync(invitation);

        Assert.Equal((team.Id, TeamRoles.Member, 2), (joined.Id, joined.Role, joined.MemberCount));
        Assert.Empty(await invitee.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, "/api/invitations"));
        Assert.Empty(await owner.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/invitations"));
        Assert.Contains(await invitee.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"), t => t.Id == team.Id);
    }

    [Fact]
    public async Task InvitingRefusesUnknownUsersMembersAndDoubleInvitations()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var invitee = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, member);
        await owner.InviteAsync(team, invitee);

        async Task Expect(TestUser actor, string username, HttpStatusCode status)
        {
            using var response = await actor.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(username));
            await response.AssertProblemAsync(status);
        }

        await Expect(owner, AccountClient.UniqueUsername("nobody"), HttpStatusCode.NotFound);
        await Expect(owner, member.Username, HttpStatusCode.Conflict);
        await Expect(owner, owner.Username, HttpStatusCode.Conflict);
        await Expect(owner, invitee.Username, HttpStatusCode.Conflict);
        await Expect(member, (await NewUserAsync()).Username, HttpStatusCode.Forbidden);
        await Expect(owner, "x", HttpStatusCode.BadRequest);

        using var memberList = await member.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/invitations");
        await memberList.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OnlyTheInviteeCanAnswerAndOnlyOnce()
    {
        var owner = await NewUserAsync();
        var invitee = await NewUserAsync();
        var other = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        var invitation = await owner.InviteAsync(team, invitee);

        foreach (var action in new[] { "accept", "decline" })
        {
            using var someoneElse = await other.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/{action}");
            await someoneElse.AssertProblemAsync(HttpStatusCode.NotFound);
            using var inviter = await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/{action}");
            await inviter.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await invitee.AcceptAsync(invitation);

        using var twice = await invitee.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept");
        await twice.AssertProblemAsync(HttpStatusCode.Conflict);
        using var declineAfter = await invitee.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/decline");
        await declineAfter.AssertProblemAsync(HttpStatusCode.Conflict);
        using var unknown = await invitee.SendAsync(HttpMethod.Post, $"/api/invitations/{Guid.NewGuid()}/accept");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        using var garbage = await invitee.SendAsync(HttpMethod.Post, "/api/invitations/garbage/accept");
        await garbage.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DecliningLeavesTheInviteeOutAndAllowsANewInvitation()
    {
        var owner = await NewUserAsync();
        var invitee = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        var invitation = await owner.InviteAsync(team, invitee);

        using var declined = await invitee.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/decline");

        Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);
        using var notMember = await invitee.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}");
        await notMember.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.NotEqual(invitation.Id, (await owner.InviteAsync(team, invitee)).Id);
    }

    [Fact]
    public async Task RevokingFollowsRolesAndEndsThePendingInvitation()
    {
        var owner = await NewUserAsync();
        var admin = await NewUserAsync();
        var member = await NewUserAsync();
        var invitee = await NewUserAsync();
        var stranger = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, admin, TeamRoles.Admin);
        await owner.AddMemberAsync(team, member);
        var invitation = await owner.InviteAsync(team, invitee);

        async Task Expect(TestUser actor, HttpStatusCode status)
        {
            using var response = await actor.SendAsync(HttpMethod.Delete, $"/api/invitations/{invitation.Id}");
            if (status == HttpStatusCode.NoContent)
            {
                Assert.Equal(status, response.StatusCode);
            }
            else
            {
                await response.AssertProblemAsync(status);
            }
        }

        await Expect(stranger, HttpStatusCode.NotFound);
        await Expect(member, HttpStatusCode.Forbidden);
        await Expect(invitee, HttpStatusCode.Forbidden);
        await Expect(admin, HttpStatusCode.NoContent);
        await Expect(owner, HttpStatusCode.Conflict);

        using var acceptRevoked = await invitee.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept");
        await acceptRevoked.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ConcurrentAcceptAndRevokeLeaveExactlyOneOutcome()
    {
        for (var round = 0; round < 10; round++)
        {
            var owner = await NewUserAsync();
            var invitee = await NewUserAsync();
            var team = await owner.CreateTeamAsync();
            var invitation = await owner.InviteAsync(team, invitee);

            var accept = invitee.On(cluster.Replica2.CreateClient()).SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept");
            var revoke = owner.SendAsync(HttpMethod.Delete, $"/api/invitations/{invitation.Id}");
            var (accepted, revoked) = (await accept, await revoke);

            var statuses = new[] { accepted.StatusCode, revoked.StatusCode };
            Assert.Single(statuses, s => s == HttpStatusCode.Conflict);
            var isMember = (await owner.SendOkAsync<TeamDto>(HttpMethod.Get, $"/api/teams/{team.Id}")).Members!.Any(m => m.UserId == invitee.User.Id);
            Assert.Equal(accepted.StatusCode == HttpStatusCode.OK, isMember);
            Assert.Equal(isMember ? 1 : 0, (await owner.NotificationsAsync()).Count(n => n.Type == NotificationTypes.InvitationAccepted));
        }
    }

    [Fact]
    public async Task ARetriedAcceptWithTheSameKeyAnswersTheSameTeamAgain()
    {
        var owner = await NewUserAsync();
        var invitee = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        var invitation = await owner.InviteAsync(team, invitee);
        var key = Guid.NewGuid().ToString();

        using var first = await invitee.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept", idempotencyKey: key);
        using var retry = await invitee.On(cluster.Replica2.CreateClient()).SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept", idempotencyKey: key);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal((await first.Content.ReadFromJsonAsync<TeamDto>())!.Id, (await retry.Content.ReadFromJsonAsync<TeamDto>())!.Id);
        Assert.Single(await owner.NotificationsAsync(), n => n.Type == NotificationTypes.InvitationAccepted);
    }

    [Fact]
    public async Task AnInviterWhoMayNoLongerInviteLeavesNoInvitationPending()
    {
        var owner = await NewUserAsync();
        var demoted = await NewUserAsync();
        var leaving = await NewUserAsync();
        var first = await NewUserAsync();
        var second = await NewUserAsync();
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, demoted, TeamRoles.Admin);
        await owner.AddMemberAsync(team, leaving, TeamRoles.Admin);
        var byDemoted = await demoted.InviteAsync(team, first);
        var byLeaving = await leaving.InviteAsync(team, second);

        await owner.SendOkAsync<MemberDto>(HttpMethod.Put, $"/api/teams/{team.Id}/members/{demoted.User.Id}/role", new ChangeRoleRequest(TeamRoles.Member));
        using (var leave = await leaving.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{leaving.User.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        }

        Assert.Empty(await first.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, "/api/invitations"));
        Assert.Empty(await second.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, "/api/invitations"));
        foreach (var (invitee, invitation) in new[] { (first, byDemoted), (second, byLeaving) })
        {
            using var accept = await invitee.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/accept");
            await accept.AssertProblemAsync(HttpStatusCode.Conflict);
        }
    }
}
