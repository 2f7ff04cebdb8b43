using System.Net;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class CreateTeamDialogTests : SquadraTestContext
{
    [Fact]
    public async Task AnEmptyNameShowsTheRuleAndCallsNoApi()
    {
        await SignInAsync(Alice);
        var dialog = Render<CreateTeamDialog>();

        dialog.Find("[data-testid=create-team-submit]").Click();

        Assert.Equal(TeamRules.NameError(""), dialog.Find(".validation-message").TextContent);
        Assert.Empty(Api.To(HttpMethod.Post, "/api/teams"));
    }

    [Fact]
    public async Task TheServersFieldErrorsAppearBesideTheirFields()
    {
        await SignInAsync(Alice);
        Api.AnswerProblem(HttpMethod.Post, "/api/teams", HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            new() { ["name"] = ["That name is not allowed."] });
        var dialog = Render<CreateTeamDialog>();

        dialog.Find("#teamName").Change("Forbidden");
        dialog.Find("form").Submit();

        dialog.WaitForAssertion(() => Assert.Equal("That name is not allowed.",
            dialog.Find("#teamName").ParentElement!.QuerySelector(".validation-message")?.TextContent));
    }

    [Fact]
    public async Task CreatingSendsAnIdempotencyKeyAndOpensTheNewTeam()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Post, "/api/teams", HttpStatusCode.Created, Team(TeamRoles.Owner) with { Members = null });
        var closed = false;
        var dialog = Render<CreateTeamDialog>(parameters => parameters.Add(p => p.OnClose, () => closed = true));

        dialog.Find("#teamName").Change("  Choir ");
        dialog.Find("#teamDescription").Change("We sing.");
        dialog.Find("form").Submit();

        dialog.WaitForAssertion(() => Assert.Equal("/teams/t-1", CurrentPath));
        Assert.True(closed);
        var create = Api.To(HttpMethod.Post, "/api/teams").Single();
        Assert.False(string.IsNullOrEmpty(create.Headers.GetValues("Idempotency-Key").Single()));
        Assert.Contains("\"name\":\"Choir\"", Api.BodyOf(create), StringComparison.Ordinal);
    }
}
