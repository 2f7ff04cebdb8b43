using System.Net;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>/join/{token}: the page an invitation email's link opens, before and after signing in.</summary>
public sealed class JoinPageTests : SquadraTestContext
{
    const string Token = "tok-123";
    static readonly JoinLinkDto s_link = new("Choir", Alice, "bob@example.org");

    [Fact]
    public void SignedOutItShowsTheTeamAndInviterAndLeadsToSignUpWithTheAddressOrToLogIn()
    {
        Api.Answer(HttpMethod.Get, $"/api/join/{Token}", HttpStatusCode.OK, s_link);

        var page = Render<JoinPage>(parameters => parameters.Add(p => p.Token, Token));

        page.WaitForAssertion(() => Assert.Equal("Join Choir", page.Find("h1").TextContent));
        Assert.Contains("Alice Liddell invited you to join Choir", page.Find(".invited-by").TextContent, StringComparison.Ordinal);
        Assert.Equal("register?email=bob%40example.org&returnUrl=%2Fjoin%2Ftok-123%3Faccept%3Dnow",
            page.Find("[data-testid=register-and-join]").GetAttribute("href"));
        Assert.Equal("login?returnUrl=%2Fjoin%2Ftok-123%3Faccept%3Dnow", page.Find("[data-testid=login-and-join]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=join]"));
    }

    [Fact]
    public async Task SignedInAClickJoinsWithAnIdempotencyKeyAndOpensTheTeam()
    {
        await SignInAsBobAsync();
        Api.Answer(HttpMethod.Get, $"/api/join/{Token}", HttpStatusCode.OK, s_link)
            .Answer(HttpMethod.Post, $"/api/join/{Token}/accept", HttpStatusCode.OK, Team(TeamRoles.Member));
        var page = Render<JoinPage>(parameters => parameters.Add(p => p.Token, Token));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=join]")));
        Assert.Empty(Api.To(HttpMethod.Post, $"/api/join/{Token}/accept"));

        page.Find("[data-testid=join]").Click();

        page.WaitForAssertion(() => Assert.Equal("/teams/t-1", CurrentPath));
        var accept = Assert.Single(Api.To(HttpMethod.Post, $"/api/join/{Token}/accept"));
        Assert.False(string.IsNullOrEmpty(accept.Headers.GetValues("Idempotency-Key").Single()));
    }

    [Fact]
    public async Task BackFromSigningUpItJoinsAtOnce()
    {
        await SignInAsBobAsync();
        Api.Answer(HttpMethod.Get, $"/api/join/{Token}", HttpStatusCode.OK, s_link)
            .Answer(HttpMethod.Post, $"/api/join/{Token}/accept", HttpStatusCode.OK, Team(TeamRoles.Member));
        Navigation.NavigateTo($"join/{Token}?accept=now");

        var page = Render<JoinPage>(parameters => parameters.Add(p => p.Token, Token));

        page.WaitForAssertion(() => Assert.Equal("/teams/t-1", CurrentPath));
    }

    [Fact]
    public void AnUnknownLinkAndASpentOneSaySoWithoutAForm()
    {
        Api.AnswerProblem(HttpMethod.Get, $"/api/join/{Token}", HttpStatusCode.NotFound, "Not found.");
        var unknown = Render<JoinPage>(parameters => parameters.Add(p => p.Token, Token));
        unknown.WaitForAssertion(() => Assert.Contains("does not open any invitation", unknown.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));

        Api.AnswerProblem(HttpMethod.Get, "/api/join/spent", HttpStatusCode.Conflict, "The invitation was already accepted.");
        var spent = Render<JoinPage>(parameters => parameters.Add(p => p.Token, "spent"));
        spent.WaitForAssertion(() => Assert.Equal("The invitation was already accepted.", spent.Find("[data-testid=form-error]").TextContent));
        Assert.Empty(spent.FindAll("[data-testid=join], [data-testid=register-and-join]"));
    }

    [Fact]
    public async Task ALinkSpentMeanwhileSaysSoOnTheClick()
    {
        await SignInAsBobAsync();
        Api.Answer(HttpMethod.Get, $"/api/join/{Token}", HttpStatusCode.OK, s_link)
            .AnswerProblem(HttpMethod.Post, $"/api/join/{Token}/accept", HttpStatusCode.Conflict, "The invitation was already accepted.");
        var page = Render<JoinPage>(parameters => parameters.Add(p => p.Token, Token));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=join]")));

        page.Find("[data-testid=join]").Click();

        page.WaitForAssertion(() => Assert.Equal("The invitation was already accepted.", page.Find("[data-testid=form-error]").TextContent));
    }

    Task SignInAsBobAsync() => Session.SignInAsync(new LoginResponse("token-bob", DateTimeOffset.UtcNow.AddHours(1), Bob));
}
