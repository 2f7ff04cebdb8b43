using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class LoginRateLimitTests(ApiCluster cluster)
{
    [Fact]
    public async Task TooManyLoginAttemptsFromOneAddressGet429WithRetryAfter()
    {
        await using var strict = cluster.StartReplica("api-strict", settings: new Dictionary<string, string>
        {
            ["RateLimiting:LoginPermitLimit"] = "3",
            ["RateLimiting:LoginWindow"] = "00:05:00",
        });
        var client = strict.CreateClient();
        var attempt = new LoginRequest(AccountClient.UniqueUsername(), "wrong password");

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostAsJsonAsync("/api/auth/login", attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        using var refused = await client.PostAsJsonAsync("/api/auth/login", attempt);

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task TheLimitIsPerClientAddressBehindTheGateway()
    {
        await using var strict = cluster.StartReplica("api-strict-2", settings: new Dictionary<string, string>
        {
            ["RateLimiting:LoginPermitLimit"] = "1",
            ["RateLimiting:LoginWindow"] = "00:05:00",
        });
        var client = strict.CreateClient();

        async Task<HttpStatusCode> LoginFrom(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new LoginRequest(AccountClient.UniqueUsername(), "wrong password")),
            };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFrom("198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFrom("198.51.100.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFrom("198.51.100.8"));
    }
}
