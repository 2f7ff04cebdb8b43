using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

public sealed class SessionLifetimeTests : SquadraTestContext
{
    [Fact]
    public async Task WhoSignsInNextFindsNothingOfTheUserBeforeAndGetsAConnectionOfTheirOwn()
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/teams", HttpStatusCode.OK, new[] { Team(TeamRoles.Owner) });
        var teams = Services.GetRequiredService<MyTeams>();
        var names = Services.GetRequiredService<KnownNames>();
        await teams.RefreshAsync();
        Assert.Equal("Choir", names.Team("t-1"));

        await Session.SignOutAsync();
        await SignInAsync(Bob);

        Assert.Null(teams.Teams);
        Assert.Null(names.Team("t-1"));
        Assert.Equal((2, 1), (Realtime.Starts, Realtime.Stops));
    }

    [Fact]
    public void NobodySignedInMeansNothingToConnect()
    {
        Services.GetRequiredService<SessionLifetime>().Start();

        Assert.Equal((0, 0), (Realtime.Starts, Realtime.Stops));
    }
}
