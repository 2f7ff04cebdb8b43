using System.Diagnostics;
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

        // The replica that served the logout refuses the token at once, the other within 5 s at most
        // (docs/decisions/0005-revoked-tokens-in-memory.md).
        var clock = Stopwatch.StartNew();
        foreach (var replica in new[] { replica1, replica2 })
        {
            while (true)
            {
                using var answer = await replica.SendAsync(RunningStack.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));
                if (answer.StatusCode == HttpStatusCode.Unauthorized)
                {
                    break;
                }
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"A replica still accepts the token {clock.Elapsed} after logout.");
                await Task.Delay(50);
            }
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
