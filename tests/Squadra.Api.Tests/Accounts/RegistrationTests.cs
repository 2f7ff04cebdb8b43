using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class RegistrationTests(ApiCluster cluster)
{
    private readonly HttpClient _client = cluster.Replica1.CreateClient();

    [Fact]
    public async Task RegisteringCreatesAUserWhoseDisplayNameDefaultsToTheUsername()
    {
        var username = AccountClient.UniqueUsername();

        using var response = await _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, AccountClient.Password));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await response.Content.ReadFromJsonAsync<UserDto>();
        Assert.Equal(username, user!.Username);
        Assert.Equal(username, user.DisplayName);
        Assert.False(string.IsNullOrEmpty(user.Id));
    }

    [Fact]
    public async Task RegisteringKeepsAGivenDisplayNameTrimmed()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/register",
            new RegisterRequest(AccountClient.UniqueUsername(), AccountClient.Password, "  Ada Lovelace "));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Ada Lovelace", (await response.Content.ReadFromJsonAsync<UserDto>())!.DisplayName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("émile")]
    [InlineData("a23456789012345678901234567890123")]
    public async Task RegisteringRefusesABadUsername(string? username)
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, AccountClient.Password));

        await response.AssertValidationProblemAsync("username");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short12")]
    [InlineData(129)]
    public async Task RegisteringRefusesABadPassword(object? password)
    {
        var value = password is int length ? new string('p', length) : (string?)password;

        using var response = await _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(AccountClient.UniqueUsername(), value));

        await response.AssertValidationProblemAsync("password");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(65)]
    public async Task RegisteringRefusesABadDisplayName(object displayName)
    {
        var value = displayName is int length ? new string('d', length) : (string)displayName;

        using var response = await _client.PostAsJsonAsync("/api/auth/register",
            new RegisterRequest(AccountClient.UniqueUsername(), AccountClient.Password, value));

        await response.AssertValidationProblemAsync("displayName");
    }

    [Fact]
    public async Task AUsernameTakenInAnotherCaseIsAConflict()
    {
        var username = AccountClient.UniqueUsername("Case");
        await _client.RegisterAsync(username);

        using var response = await _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username.ToUpperInvariant(), AccountClient.Password));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ExactlyOneOfTwoConcurrentRegistrationsOfTheSameNameSucceeds()
    {
        var username = AccountClient.UniqueUsername();
        var other = cluster.Replica2.CreateClient();

        var responses = await Task.WhenAll(
            _client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, AccountClient.Password)),
            other.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username.ToLowerInvariant(), AccountClient.Password)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
    }
}
