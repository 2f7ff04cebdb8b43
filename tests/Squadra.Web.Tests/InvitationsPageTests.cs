using System.Net;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class InvitationsPageTests : SquadraTestContext
{
    [Fact]
    public async Task AcceptingSendsAnIdempotencyKeyAndOpensTheTeam()
    {
        var page = await RenderInboxAsync(Invitation("i-1", Alice, Bob));
        Api.Answer(HttpMethod.Post, "/api/invitations/i-1/accept", HttpStatusCode.OK, Team(TeamRoles.Member));

        page.Find("[data-testid=accept]").Click();

        page.WaitForAssertion(() => Assert.Equal("/teams/t-1", CurrentPath));
        var accept = Api.To(HttpMethod.Post, "/api/invitations/i-1/accept").Single();
        Assert.False(string.IsNullOrEmpty(accept.Headers.GetValues("Idempotency-Key").Single()));
        Assert.Equal("Bearer token-bob", accept.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task TryingAgainAfterAServerErrorReusesTheSameKey()
    {
        var page = await RenderInboxAsync(Invitation("i-1", Alice, Bob));
        Api.AnswerProblem(HttpMethod.Post, "/api/invitations/i-1/accept", HttpStatusCode.InternalServerError, "Something broke.")
            .Answer(HttpMethod.Post, "/api/invitations/i-1/accept", HttpStatusCode.OK, Team(TeamRoles.Member));

        page.Find("[data-testid=accept]").Click();
        page.WaitForAssertion(() => Assert.Equal("Something broke.", page.Find("[data-testid=form-error]").TextContent));
        page.Find("[data-testid=accept]").Click();

        page.WaitForAssertion(() => Assert.Equal("/teams/t-1", CurrentPath));
        var keys = Api.To(HttpMethod.Post, "/api/invitations/i-1/accept").Select(r => r.Headers.GetValues("Idempotency-Key").Single()).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task DecliningRemovesTheInvitationFromTheInbox()
    {
        var page = await RenderInboxAsync(Invitation("i-1", Alice, Bob), Invitation("i-2", Carol, Bob, "t-2", "Band"));
        Api.Answer(HttpMethod.Post, "/api/invitations/i-1/decline", HttpStatusCode.NoContent);

        page.FindAll("[data-testid=decline]")[0].Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=invitation-item]")));
        Assert.Contains("Band", page.Find("[data-testid=invitation-item]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(Api.To(HttpMethod.Post, "/api/invitations/i-1/decline").Single().Headers.GetValues("Idempotency-Key"));
    }

    [Fact]
    public async Task AnInvitationThatIsNoLongerOpenDisappearsWithAWord()
    {
        var page = await RenderInboxAsync(Invitation("i-1", Alice, Bob));
        Api.AnswerProblem(HttpMethod.Post, "/api/invitations/i-1/accept", HttpStatusCode.Conflict, "The invitation was already revoked.");

        page.Find("[data-testid=accept]").Click();

        page.WaitForAssertion(() => Assert.Contains("no longer open", page.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=invitation-item]"));
    }

    [Fact]
    public async Task ANewInvitationAppearsWhenItsNotificationArrives()
    {
        var page = await RenderInboxAsync();
        Api.Answer(HttpMethod.Get, "/api/invitations", HttpStatusCode.OK, new[] { Invitation("i-1", Alice, Bob) });

        await Realtime.PushAsync(Notification(1, NotificationTypes.InvitationReceived, new { invitation = Invitation("i-1", Alice, Bob) }));

        page.WaitForAssertion(() => Assert.Contains("Alice Liddell invited you to join Choir", page.Find("[data-testid=invitation-item]").TextContent,
            StringComparison.Ordinal));
    }

    async Task<IRenderedComponent<InvitationsPage>> RenderInboxAsync(params Contracts.Invitations.InvitationDto[] pending)
    {
        await SignInAsync(Bob);
        Api.Answer(HttpMethod.Get, "/api/invitations", HttpStatusCode.OK, pending);
        var page = Render<InvitationsPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[role=status]")));
        return page;
    }
}
