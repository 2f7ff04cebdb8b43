using Squadra.Web.Components;

namespace Squadra.Web.Tests;

public sealed class RequireSignInTests : SquadraTestContext
{
    [Fact]
    public void ASignedOutVisitorIsSentToLogInWithThePageTheyAskedFor()
    {
        Navigation.NavigateTo("teams/t-1/calendar?week=2");

        var guard = Render<RequireSignIn>(parameters => parameters.AddChildContent("<p>For members</p>"));

        Assert.Equal("http://localhost/login?returnUrl=%2Fteams%2Ft-1%2Fcalendar%3Fweek%3D2", Navigation.Uri);
        Assert.DoesNotContain("For members", guard.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionThatEndsOnAPageSendsToLogInAndBackThere()
    {
        await SignInAsync(Alice);
        Navigation.NavigateTo("invitations");
        var guard = Render<RequireSignIn>(parameters => parameters.AddChildContent("<p>For members</p>"));
        Assert.Contains("For members", guard.Markup, StringComparison.Ordinal);

        await Session.RejectedAsync();

        guard.WaitForAssertion(() => Assert.Equal("http://localhost/login?returnUrl=%2Finvitations", Navigation.Uri));
    }
}
