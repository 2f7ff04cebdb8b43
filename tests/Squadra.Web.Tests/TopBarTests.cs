using System.Net;

namespace Squadra.Web.Tests;

public sealed class TopBarTests : SquadraTestContext
{
    [Fact]
    public async Task TheInvitationsLinkCountsWhatIsWaiting()
    {
        await SignInAsync(Bob);
        Api.Answer(HttpMethod.Get, "/api/invitations", HttpStatusCode.OK, new[] { Invitation("i-1", Alice, Bob), Invitation("i-2", Carol, Bob) });

        var bar = Render<TopBar>();

        bar.WaitForAssertion(() => Assert.Equal("2", bar.Find("[data-testid=invitation-count]").TextContent));
        Assert.Equal("invitations", bar.Find("[data-testid=nav-invitations]").GetAttribute("href"));
        Assert.NotNull(bar.Find("[data-testid=nav-teams]"));
    }

    [Fact]
    public async Task ALostConnectionShowsReconnectingUntilItIsBack()
    {
        await SignInAsync(Bob);
        Api.AnswerAlways(HttpMethod.Get, "/api/invitations", HttpStatusCode.OK, Array.Empty<object>());
        var bar = Render<TopBar>();
        Assert.Empty(bar.FindAll("[data-testid=connection-state]"));

        Realtime.Drop();

        bar.WaitForAssertion(() => Assert.Contains("Reconnecting", bar.Find("[data-testid=connection-state]").TextContent, StringComparison.Ordinal));
        Api.Answer(HttpMethod.Get, "/api/notifications", HttpStatusCode.OK, Array.Empty<object>());
        await Realtime.ConnectAsync();
        bar.WaitForAssertion(() => Assert.Empty(bar.FindAll("[data-testid=connection-state]")));
    }

    [Fact]
    public void ASignedOutVisitorSeesNoTeamsNorBell()
    {
        var bar = Render<TopBar>();

        Assert.Empty(bar.FindAll("[data-testid=nav-teams]"));
        Assert.Empty(bar.FindAll("[data-testid=notification-bell]"));
        Assert.Empty(Api.Requests);
    }
}
