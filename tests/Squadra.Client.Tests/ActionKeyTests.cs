using Squadra.Contracts.Teams;

namespace Squadra.Client.Tests;

public sealed class ActionKeyTests
{
    [Fact]
    public void TheSameRequestKeepsItsKeyUntilItGetsADefiniteAnswer()
    {
        var key = new ActionKey();
        var first = key.For(new CreateTeamRequest("Choir"));

        key.Settle(new ApiResult<object>(null, ApiProblem.Unreachable, null));
        Assert.Equal(first, key.For(new CreateTeamRequest("Choir")));

        key.Settle(new ApiResult<object>(new object(), null, "api-1"));
        Assert.NotEqual(first, key.For(new CreateTeamRequest("Choir")));
    }

    [Fact]
    public void ADifferentRequestGetsANewKey()
    {
        var key = new ActionKey();

        Assert.NotEqual(key.For(new CreateTeamRequest("Choir")), key.For(new CreateTeamRequest("Band")));
    }
}
