using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class LoginTests(ApiCluster cluster)
{
    private readonly HttpClient _client = cluster.Replica1.CreateClient();

    [Fact]
    public async Task LoggingInReturnsATokenThatIdentifiesTheUser()
    {
        var username = AccountClient.UniqueUsername();
        var registered = await _client.RegisterAsync(username);

        var login = await _client.LoginAsync(username.ToUpperInvariant());

        Assert.Equal(registered, login.User);
        Assert.True(login.ExpiresAt > DateTimeOffset.UtcNow.AddHours(1));
        using var me = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", login.AccessToken));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(registered, await me.Content.ReadFromJsonAsync<UserDto>());
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownUserGetTheSameAnswer()
    {
        var username = AccountClient.UniqueUsername();
        await _client.RegisterAsync(username);

        using var wrongPassword = await _client.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, "not the password"));
        using var unknownUser = await _client.PostAsJsonAsync("/api/auth/login", new LoginRequest(AccountClient.UniqueUsername(), "not the password"));

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownUser.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(first.GetProperty("title").GetString(), second.GetProperty("title").GetString());
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task LoggingInWithoutCredentialsIsAValidationProblem()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/login", new LoginRequest(null, ""));

        var problem = await response.AssertValidationProblemAsync("username");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task MeWithoutATokenIsUnauthorized()
    {
        using var response = await _client.GetAsync("/api/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnExpiredTokenIsUnauthorized()
    {
        var user = await _client.RegisterAsync(AccountClient.UniqueUsername());
        var expired = TokenMinter.Mint(user.Id, DateTime.UtcNow.AddMinutes(-1));

        using var response = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", expired));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsUnauthorized()
    {
        var user = await _client.RegisterAsync(AccountClient.UniqueUsername());
        var forged = TokenMinter.Mint(user.Id, DateTime.UtcNow.AddHours(1), Convert.ToBase64String(new byte[48]));

        using var response = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", forged));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AGarbageTokenIsUnauthorized()
    {
        using var response = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", "not.a.token"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LoggingOutRevokesTheTokenButNotTheUsersOtherSessions()
    {
        var session = await _client.SignUpAsync();
        var otherSession = await _client.LoginAsync(session.User.Username);

        using var logout = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Post, "/api/auth/logout", session.AccessToken));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var revoked = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));
        await revoked.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var secondLogout = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Post, "/api/auth/logout", session.AccessToken));
        await secondLogout.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var other = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", otherSession.AccessToken));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task LoggingOutWithoutATokenIsUnauthorized()
    {
        using var response = await _client.PostAsync("/api/auth/logout", null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
