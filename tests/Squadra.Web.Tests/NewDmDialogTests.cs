using System.Net;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.DirectMessages;

namespace Squadra.Web.Tests;

public sealed class NewDmDialogTests : SquadraTestContext
{
    [Fact]
    public async Task ItOffersTheOtherMembersOfTheUsersTeamsEachOnceAndFiltersAsTheUserTypes()
    {
        var dialog = await RenderDialogAsync();

        dialog.WaitForAssertion(() => Assert.Equal(["Bob Dylan", "Carol King"], People(dialog)));

        dialog.Find("#dmPeople").Input("car");

        Assert.Equal(["Carol King"], People(dialog));
    }

    [Fact]
    public async Task ChosenPeopleBecomeChipsAndOpenPostsThemAndGoesToTheDm()
    {
        var dialog = await RenderDialogAsync();
        Api.Answer(HttpMethod.Post, "/api/dms", HttpStatusCode.Created, DmSidebarTests.Dm("d-1", 0, Earlier, Alice, Bob, Carol));
        dialog.WaitForAssertion(() => Assert.Equal(2, dialog.FindAll("[data-testid=dm-person]").Count));

        // Enter in the box chooses the one person it narrowed to.
        dialog.Find("#dmPeople").Input("bob");
        dialog.Find("form").Submit();
        dialog.FindAll("[data-testid=dm-person]")[1].Click();
        Assert.Equal(2, dialog.FindAll("[data-testid=dm-chip]").Count);
        dialog.Find("form").Submit();

        dialog.WaitForAssertion(() => Assert.Equal("/dms/d-1", CurrentPath));
        var open = Api.To(HttpMethod.Post, "/api/dms").Single();
        Assert.Contains("\"userIds\":[\"u-2\",\"u-3\"]", Api.BodyOf(open), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(open.Headers.GetValues("Idempotency-Key").Single()));
    }

    [Fact]
    public async Task OpeningWithNobodyChosenSaysSoAndCallsNoApi()
    {
        var dialog = await RenderDialogAsync();
        dialog.WaitForAssertion(() => Assert.Equal(2, dialog.FindAll("[data-testid=dm-person]").Count));

        dialog.Find("form").Submit();

        Assert.Contains("Choose at least one person", dialog.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Api.To(HttpMethod.Post, "/api/dms"));
    }

    [Fact]
    public async Task ARefusalSaysSomeoneNoLongerSharesATeam()
    {
        var dialog = await RenderDialogAsync();
        Api.AnswerProblem(HttpMethod.Post, "/api/dms", HttpStatusCode.NotFound, "Not found.");
        dialog.WaitForAssertion(() => Assert.Equal(2, dialog.FindAll("[data-testid=dm-person]").Count));

        dialog.FindAll("[data-testid=dm-person]")[0].Click();
        dialog.Find("form").Submit();

        dialog.WaitForAssertion(() => Assert.Contains("no longer shares a team", dialog.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.NotEqual("/dms/d-1", CurrentPath);
    }

    async Task<IRenderedComponent<NewDmDialog>> RenderDialogAsync()
    {
        await SignInAsync(Alice);
        Api.AnswerAlways(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[]
            {
                new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 2, Earlier),
                new TeamDto("t-2", "Band", "", TeamRoles.Member, 3, Earlier),
            })
            .AnswerAlways(HttpMethod.Get, "/api/teams/t-1", HttpStatusCode.OK,
                new TeamDto("t-1", "Choir", "", TeamRoles.Owner, 2, Earlier, [Member(Alice, TeamRoles.Owner), Member(Bob, TeamRoles.Member)]))
            .AnswerAlways(HttpMethod.Get, "/api/teams/t-2", HttpStatusCode.OK,
                new TeamDto("t-2", "Band", "", TeamRoles.Member, 3, Earlier,
                    [Member(Carol, TeamRoles.Owner), Member(Alice, TeamRoles.Member), Member(Bob, TeamRoles.Member)]));
        return Render<NewDmDialog>();
    }

    static List<string> People(IRenderedComponent<NewDmDialog> dialog) =>
        [.. dialog.FindAll("[data-testid=dm-person] .name").Select(e => e.TextContent)];
}
