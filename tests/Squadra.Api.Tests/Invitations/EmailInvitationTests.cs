using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Invitations;

/// <summary>Invitations by email (api-v2 "Invitations by email"): a link to /join/{token} that whoever signs in can accept once.</summary>
[Collection(ApiCollection.Name)]
public sealed class EmailInvitationTests(ApiCluster cluster)
{
    [Fact]
    public async Task TheEmailedLinkShowsTheTeamAndInviterAndJoinsWhoeverAcceptsIt()
    {
        var (owner, team) = await OwnerWithTeamAsync("Riverside Rowing");
        var member = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, member);
        var address = Outbox.NewAddress("newcomer");

        using var created = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, address));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invitation = (await created.Content.ReadFromJsonAsync<InvitationDto>())!;
        Assert.Equal((address, (object?)null, InvitationStatuses.Pending), (invitation.Email, (object?)invitation.Invitee, invitation.Status));
        Assert.Contains(await owner.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/invitations"), i => i.Id == invitation.Id);
        var email = Assert.Single(await Outbox.EmailsToAsync(cluster.ConnectionString, address));
        Assert.Equal($"{owner.User.DisplayName} invited you to Riverside Rowing on Squadra", email.Subject);
        Assert.StartsWith("/join/", email.Link.AbsolutePath, StringComparison.Ordinal);
        var token = email.Link.AbsolutePath["/join/".Length..];

        var shown = await cluster.Replica2.CreateClient().GetFromJsonAsync<JoinLinkDto>($"/api/join/{token}");
        Assert.Equal(new JoinLinkDto("Riverside Rowing", owner.User, address), shown);

        // Whoever signs in joins, whatever their own address: the link is the invitation.
        var newcomer = await cluster.NewUserAsync();
        var joined = await newcomer.On(cluster.Replica2.CreateClient()).SendOkAsync<TeamDto>(HttpMethod.Post, $"/api/join/{token}/accept");

        Assert.Equal((team.Id, TeamRoles.Member, 3), (joined.Id, joined.Role, joined.MemberCount));
        var accepted = (await owner.NotificationsAsync()).Last(n => n.Type == NotificationTypes.InvitationAccepted);
        Assert.Equal(newcomer.User.Username, accepted.Data.GetProperty("invitation").GetProperty("invitee").GetProperty("username").GetString());
        Assert.Contains(await member.NotificationsAsync(), n => n.Type == NotificationTypes.MemberJoined);
        Assert.DoesNotContain(await owner.SendOkAsync<List<InvitationDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/invitations"), i => i.Id == invitation.Id);

        var latecomer = await cluster.NewUserAsync();
        using var spent = await latecomer.SendAsync(HttpMethod.Post, $"/api/join/{token}/accept");
        using var spentShown = await cluster.Replica1.CreateClient().GetAsync($"/api/join/{token}");
        await spent.AssertProblemAsync(HttpStatusCode.Conflict);
        await spentShown.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain(await latecomer.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"), t => t.Id == team.Id);
    }

    [Fact]
    public async Task AMemberAcceptingKeepsTheirRoleAndNobodyHearsOfItAgain()
    {
        var (owner, team) = await OwnerWithTeamAsync();
        var (_, token) = await InviteByEmailAsync(owner, team);

        var again = await owner.SendOkAsync<TeamDto>(HttpMethod.Post, $"/api/join/{token}/accept");

        Assert.Equal((TeamRoles.Owner, 1), (again.Role, again.MemberCount));
        Assert.DoesNotContain(await owner.NotificationsAsync(), n => n.Type == NotificationTypes.InvitationAccepted);
    }

    [Fact]
    public async Task AnExpiredOrRevokedLinkIsRefusedWith409AndAnUnknownOneWith404()
    {
        var (owner, team) = await OwnerWithTeamAsync();
        var (expired, expiredToken) = await InviteByEmailAsync(owner, team);
        var (revoked, revokedToken) = await InviteByEmailAsync(owner, team);
        await Sql.ExecuteAsync(cluster.ConnectionString, "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = @id",
            ("id", Guid.Parse(expired.Id)));
        using var revoking = await owner.SendAsync(HttpMethod.Delete, $"/api/invitations/{revoked.Id}");
        Assert.Equal(HttpStatusCode.NoContent, revoking.StatusCode);
        var someone = await cluster.NewUserAsync();

        foreach (var token in (string[])[expiredToken, revokedToken])
        {
            using var shown = await cluster.Replica1.CreateClient().GetAsync($"/api/join/{token}");
            using var accepted = await someone.SendAsync(HttpMethod.Post, $"/api/join/{token}/accept");
            await shown.AssertProblemAsync(HttpStatusCode.Conflict);
            await accepted.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        foreach (var token in (string[])["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-token", expiredToken.ToUpperInvariant()])
        {
            using var shown = await cluster.Replica1.CreateClient().GetAsync($"/api/join/{token}");
            using var accepted = await someone.SendAsync(HttpMethod.Post, $"/api/join/{token}/accept");
            await shown.AssertProblemAsync(HttpStatusCode.NotFound);
            await accepted.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.DoesNotContain(await someone.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"), t => t.Id == team.Id);
    }

    [Fact]
    public async Task AcceptingNeedsASignedInUser()
    {
        var (owner, team) = await OwnerWithTeamAsync();
        var (_, token) = await InviteByEmailAsync(owner, team);

        using var anonymous = await cluster.Replica1.CreateClient().PostAsync($"/api/join/{token}/accept", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var stillShown = await cluster.Replica1.CreateClient().GetAsync($"/api/join/{token}");
        Assert.Equal(HttpStatusCode.OK, stillShown.StatusCode);
    }

    [Fact]
    public async Task OnlyOwnersAndAdminsInviteByEmailAndOnlyToWellFormedAddresses()
    {
        var (owner, team) = await OwnerWithTeamAsync();
        var member = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, member);
        var stranger = await cluster.NewUserAsync();
        var address = Outbox.NewAddress();

        using var byMember = await member.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, address));
        using var byStranger = await stranger.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, address));
        using var malformed = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, "Ana <ana@example.org>"));
        using var both = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(member.Username, address));
        using var neither = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, null));

        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        await malformed.AssertValidationProblemAsync("email");
        await both.AssertValidationProblemAsync("email");
        await neither.AssertValidationProblemAsync("username");
        Assert.Empty(await Outbox.EmailsToAsync(cluster.ConnectionString, address));
    }

    [Fact]
    public async Task AnAddressHasOnePendingInvitationPerTeamUntilItExpires()
    {
        var (owner, team) = await OwnerWithTeamAsync();
        var (first, _) = await InviteByEmailAsync(owner, team);

        using var twice = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, first.Email!.ToUpperInvariant()));
        await twice.AssertProblemAsync(HttpStatusCode.Conflict);

        await Sql.ExecuteAsync(cluster.ConnectionString, "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = @id",
            ("id", Guid.Parse(first.Id)));
        using var renewed = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, first.Email));
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        Assert.Equal(2, (await Outbox.EmailsToAsync(cluster.ConnectionString, first.Email)).Count);
    }

    [Fact]
    public async Task AnIdempotentRetryQueuesOneEmail()
    {
        var (owner, team) = await OwnerWithTeamAsync();
        var address = Outbox.NewAddress();
        var key = Guid.NewGuid().ToString();

        using var first = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, address), key);
        using var retry = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, address), key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Single(await Outbox.EmailsToAsync(cluster.ConnectionString, address));
    }

    private async Task<(TestUser Owner, TeamDto Team)> OwnerWithTeamAsync(string? name = null)
    {
        var owner = await cluster.NewUserAsync();
        return (owner, await owner.CreateTeamAsync(name));
    }

    private async Task<(InvitationDto Invitation, string Token)> InviteByEmailAsync(TestUser owner, TeamDto team)
    {
        var address = Outbox.NewAddress();
        var invitation = await owner.SendOkAsync<InvitationDto>(HttpMethod.Post, $"/api/teams/{team.Id}/invitations", new InviteRequest(null, address));
        var link = Assert.Single(await Outbox.EmailsToAsync(cluster.ConnectionString, address)).Link;
        return (invitation, link.AbsolutePath["/join/".Length..]);
    }
}
