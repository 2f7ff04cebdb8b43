using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Operations;

namespace Squadra.Api.Tests.Replication;

[Collection(ApiCollection.Name)]
public sealed class CrossReplicaTokenTests(ApiCluster cluster)
{
    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    [Fact]
    public async Task ATokenIssuedByOneReplicaIsAcceptedByTheOther()
    {
        var session = await _replica1.SignUpAsync();

        using var response = await _replica2.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("api-2", response.Headers.GetValues(ServedBy.HeaderName).Single());
    }

    [Fact]
    public async Task LoggingOutOnOneReplicaRevokesTheTokenThereAtOnceAndOnTheOtherWithinTheBound()
    {
        var session = await _replica2.SignUpAsync();

        using var logout = await _replica1.SendAsync(AccountClient.Authorized(HttpMethod.Post, "/api/auth/logout", session.AccessToken));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using (var response = await _replica1.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", session.AccessToken)))
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        var refusedAfter = await Revocation.TimeUntilRefusedAsync(_replica2, session.AccessToken);
        Assert.True(refusedAfter <= Revocation.Bound, $"Replica 2 accepted the revoked token for {refusedAfter}.");
        using (var response = await _replica2.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", session.AccessToken)))
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task EveryResponseNamesTheReplicaThatServedIt()
    {
        using var fromOne = await _replica1.GetAsync("/health/live");
        using var fromTwo = await _replica2.GetAsync("/api/me");

        Assert.Equal("api-1", fromOne.Headers.GetValues(ServedBy.HeaderName).Single());
        Assert.Equal("api-2", fromTwo.Headers.GetValues(ServedBy.HeaderName).Single());
    }
}
