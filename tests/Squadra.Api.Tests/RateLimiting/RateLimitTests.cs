using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.RateLimiting;

/// <summary>
/// Each limit on a replica of its own with that limit set low (the shared replicas raise every limit).
/// A request's client address is 127.0.0.1, or the X-Forwarded-For a trusted proxy (loopback) sent.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RateLimitTests(ApiCluster cluster)
{
    [Fact]
    public async Task TooManyLoginAttemptsFromOneAddressGet429WithRetryAfter()
    {
        await using var strict = Strict(("RateLimiting:LoginPermitLimit", "3"), ("RateLimiting:LoginWindow", "00:05:00"));
        var client = strict.CreateClient();
        var attempt = new LoginRequest(AccountClient.UniqueUsername(), "wrong password");

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostAsJsonAsync("/api/auth/login", attempt);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        using var refused = await client.PostAsJsonAsync("/api/auth/login", attempt);

        await AssertRefusedAsync(refused, "Too many login attempts");
    }

    [Fact]
    public async Task TheLoginLimitIsPerClientAddressBehindTheGateway()
    {
        await using var strict = Strict(("RateLimiting:LoginPermitLimit", "1"), ("RateLimiting:LoginWindow", "00:05:00"));
        var client = strict.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await WrongLoginFromAsync(client, AccountClient.UniqueUsername(), "198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongLoginFromAsync(client, AccountClient.UniqueUsername(), "198.51.100.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongLoginFromAsync(client, AccountClient.UniqueUsername(), "198.51.100.8"));
    }

    [Fact]
    public async Task XForwardedForFromAnUntrustedSenderIsIgnored()
    {
        // Only 192.0.2.1 may say who the client is; this test's requests come from 127.0.0.1.
        await using var strict = Strict(("RateLimiting:LoginPermitLimit", "1"), ("RateLimiting:LoginWindow", "00:05:00"),
            ("Network:TrustedProxies", "192.0.2.1"));
        var client = strict.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await WrongLoginFromAsync(client, AccountClient.UniqueUsername(), "198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongLoginFromAsync(client, AccountClient.UniqueUsername(), "198.51.100.9"));
    }

    [Fact]
    public async Task FailedLoginsForOneUsernameFromManyAddressesLockThatUsernameOnly()
    {
        await using var strict = Strict(("RateLimiting:FailedLoginsPerUsername", "3"), ("RateLimiting:FailedLoginWindow", "00:05:00"));
        var client = strict.CreateClient();
        var target = AccountClient.UniqueUsername();
        var bystander = AccountClient.UniqueUsername();
        await client.RegisterAsync(target);
        await client.RegisterAsync(bystander);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await WrongLoginFromAsync(client, target, $"198.51.100.{10 + i}"));
        }

        // The right password is refused too while the username is locked: a guesser learns nothing from a 429.
        using var locked = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest(target.ToUpperInvariant(), AccountClient.Password));
        await AssertRefusedAsync(locked, "Too many failed logins");
        await client.LoginAsync(bystander);
    }

    [Fact]
    public async Task SuccessfulLoginsDoNotCountAgainstTheUsername()
    {
        await using var strict = Strict(("RateLimiting:FailedLoginsPerUsername", "2"), ("RateLimiting:FailedLoginWindow", "00:05:00"));
        var client = strict.CreateClient();
        var username = AccountClient.UniqueUsername();
        await client.RegisterAsync(username);

        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(username);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await WrongLoginFromAsync(client, username, "198.51.100.20"));
        await client.LoginAsync(username);
    }

    [Fact]
    public async Task RegistrationsAreLimitedPerClientAddress()
    {
        await using var strict = Strict(("RateLimiting:RegisterPermitLimit", "2"), ("RateLimiting:RegisterWindow", "01:00:00"));
        var client = strict.CreateClient();

        Assert.Equal(HttpStatusCode.Created, await RegisterFromAsync(client, "198.51.100.30"));
        Assert.Equal(HttpStatusCode.Created, await RegisterFromAsync(client, "198.51.100.30"));
        using var refused = await SendRegisterFromAsync(client, "198.51.100.30");
        await AssertRefusedAsync(refused, "Too many registrations");
        Assert.Equal(HttpStatusCode.Created, await RegisterFromAsync(client, "198.51.100.31"));
    }

    [Fact]
    public async Task EveryWriteOfAUserDrawsFromOneBucketAndReadsDoNot()
    {
        await using var strict = Strict(("RateLimiting:WritesPerMinute", "3"));
        var client = strict.CreateClient();
        var user = await TestUser.SignUpAsync(client);
        var other = await TestUser.SignUpAsync(client);

        // Three different writes use the bucket up, whichever endpoint they go to.
        var team = await user.CreateTeamAsync();
        using (var post = await user.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new { body = "hello" }, Guid.NewGuid().ToString()))
        {
            Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        }
        await user.SendOkAsync<TeamDto>(HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest("Renamed"));

        using (var refused = await user.SendAsync(HttpMethod.Post, "/api/teams", new CreateTeamRequest("One too many", null)))
        {
            await AssertRefusedAsync(refused, "Too many requests");
        }
        using (var read = await user.SendAsync(HttpMethod.Get, "/api/teams"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        // Connecting to the hub is no change of anyone's: it stays open to a user whose bucket is empty.
        using (var negotiate = await user.SendAsync(HttpMethod.Post, "/hubs/realtime/negotiate?negotiateVersion=1"))
        {
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        }
        await other.CreateTeamAsync();
    }

    [Fact]
    public async Task TooManyPasswordResetRequestsFromOneAddressGet429WithRetryAfter()
    {
        await using var strict = Strict(("RateLimiting:PasswordResetPermitLimit", "2"), ("RateLimiting:PasswordResetWindow", "00:05:00"));
        var client = strict.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(AccountClient.UniqueUsername()));
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }
        using var refused = await client.PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(AccountClient.UniqueUsername()));

        await AssertRefusedAsync(refused, "Too many password resets");
    }

    private ApiFactory Strict(params (string Key, string Value)[] settings) =>
        cluster.StartReplica($"api-limits-{Guid.NewGuid():N}"[..18], settings: settings.ToDictionary(s => s.Key, s => s.Value));

    private static async Task AssertRefusedAsync(HttpResponseMessage refused, string title)
    {
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.True(wait is { TotalSeconds: >= 1 }, $"Retry-After in whole seconds, got '{refused.Headers.RetryAfter}'");
    }

    private static async Task<HttpStatusCode> WrongLoginFromAsync(HttpClient client, string username, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new LoginRequest(username, "wrong password")),
        };
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> RegisterFromAsync(HttpClient client, string address)
    {
        using var response = await SendRegisterFromAsync(client, address);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendRegisterFromAsync(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = JsonContent.Create(new RegisterRequest(AccountClient.UniqueUsername(), AccountClient.Password)),
        };
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }
}
