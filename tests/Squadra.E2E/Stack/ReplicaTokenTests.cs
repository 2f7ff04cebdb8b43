using System.Net;
using Squadra.E2E.Infrastructure;

namespace Squadra.E2E.Stack;

[Collection(StackCollection.Name)]
public sealed class ReplicaTokenTests(RunningStack stack)
{
    [Fact]
    public async Task ATokenFromOneRealReplicaWorksOnTheOtherUntilLogoutThroughTheGateway()
    {
        using var replica1 = stack.Client(RunningStack.Api1Port);
        using var replica2 = stack.Client(RunningStack.Api2Port);
        using var gateway = stack.Client();
        var session = await RunningStack.SignUpAsync(replica1);

        using (var accepted = await replica2.SendAsync(RunningStack.Authorized(HttpMethod.Get, "/api/me", session.AccessToken)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("api-2", accepted.Headers.GetValues("X-Served-By").Single());
        }

        using (var logout = await gateway.SendAsync(RunningStack.Authorized(HttpMethod.Post, "/api/auth/logout", session.AccessToken)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        foreach (var replica in new[] { replica1, replica2 })
        {
            using var refused = await replica.SendAsync(RunningStack.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task TheGatewaySpreadsRequestsOverBothReplicas()
    {
        using var gateway = stack.Client();
        var names = new HashSet<string>();

        for (var i = 0; i < 10; i++)
        {
            using var response = await gateway.GetAsync("/health/live");
            names.UnionWith(response.Headers.GetValues("X-Served-By"));
        }

        Assert.Equal(["api-1", "api-2"], names.Order());
    }
}
