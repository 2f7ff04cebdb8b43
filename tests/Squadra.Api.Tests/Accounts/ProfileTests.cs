using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Tests.Accounts;

/// <summary>PATCH /api/me (api-v2 "Accounts"): display name and email address, the address seen by its owner only.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProfileTests(ApiCluster cluster)
{
    private static string NewAddress() => $"{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task AUserChangesTheirDisplayNameAndEmailAndOnlyTheySeeTheAddress()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var address = NewAddress();

        var updated = await member.SendOkAsync<AccountDto>(HttpMethod.Patch, "/api/me", new UpdateAccountRequest("  Ana Lima ", address));

        Assert.Equal(new AccountDto(member.User.Id, member.Username, "Ana Lima", address), updated);
        Assert.Equal(updated, await member.On(cluster.Replica2.CreateClient()).SendOkAsync<AccountDto>(HttpMethod.Get, "/api/me"));
        var seenByOwner = await owner.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}");
        var json = await seenByOwner.Content.ReadAsStringAsync();
        Assert.Contains("Ana Lima", json, StringComparison.Ordinal);
        Assert.DoesNotContain(address, json, StringComparison.Ordinal);
        Assert.DoesNotContain("email", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AFieldLeftOutStaysAndAnEmptyAddressRemovesIt()
    {
        var user = await cluster.NewUserAsync();
        var address = NewAddress();
        await user.SendOkAsync<AccountDto>(HttpMethod.Patch, "/api/me", new UpdateAccountRequest("Ben", address));

        var renamed = await user.SendOkAsync<AccountDto>(HttpMethod.Patch, "/api/me", new { displayName = "Ben Okafor" });
        var removed = await user.SendOkAsync<AccountDto>(HttpMethod.Patch, "/api/me", new { email = "" });

        Assert.Equal(("Ben Okafor", address), (renamed.DisplayName, renamed.Email));
        Assert.Equal(("Ben Okafor", (string?)null), (removed.DisplayName, removed.Email));
    }

    [Fact]
    public async Task AnAddressBelongsToOneAccountInAnyLetterCaseAtRegistrationToo()
    {
        var first = await cluster.NewUserAsync();
        var address = NewAddress();
        await first.SendOkAsync<AccountDto>(HttpMethod.Patch, "/api/me", new UpdateAccountRequest(Email: address));
        var second = await cluster.NewUserAsync();

        using var taken = await second.SendAsync(HttpMethod.Patch, "/api/me", new UpdateAccountRequest(Email: address.ToUpperInvariant()));
        using var takenAtRegistration = await cluster.Replica1.CreateClient().PostAsJsonAsync("/api/auth/register",
            new RegisterRequest(AccountClient.UniqueUsername(), AccountClient.Password, Email: address));

        Assert.Equal("Email taken", (await taken.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString());
        await takenAtRegistration.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Null((await second.SendOkAsync<AccountDto>(HttpMethod.Get, "/api/me")).Email);
    }

    [Fact]
    public async Task RegisteringWithAnAddressKeepsIt()
    {
        var client = cluster.Replica1.CreateClient();
        var username = AccountClient.UniqueUsername();
        var address = NewAddress();
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, AccountClient.Password, Email: address));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var login = await client.LoginAsync(username);

        using var me = await client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", login.AccessToken));

        Assert.Equal(address, (await me.Content.ReadFromJsonAsync<AccountDto>())!.Email);
        Assert.DoesNotContain("email", await registered.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("ana@localhost")]
    [InlineData("Ana <ana@example.org>")]
    [InlineData(" ana@example.org")]
    [InlineData("ana@exa\u202Emple.org")]
    public async Task AnythingButAPlainAddressIsRefused(string email)
    {
        var user = await cluster.NewUserAsync();

        using var refused = await user.SendAsync(HttpMethod.Patch, "/api/me", new UpdateAccountRequest(Email: email));
        using var atRegistration = await cluster.Replica1.CreateClient().PostAsJsonAsync("/api/auth/register",
            new RegisterRequest(AccountClient.UniqueUsername(), AccountClient.Password, Email: email));

        await refused.AssertValidationProblemAsync("email");
        await atRegistration.AssertValidationProblemAsync("email");
    }

    [Fact]
    public async Task ABlankOrOverlongDisplayNameIsRefusedAndNothingChanges()
    {
        var user = await cluster.NewUserAsync();

        using var blank = await user.SendAsync(HttpMethod.Patch, "/api/me", new UpdateAccountRequest("   ", NewAddress()));
        using var overlong = await user.SendAsync(HttpMethod.Patch, "/api/me", new UpdateAccountRequest(new string('a', AccountRules.DisplayNameMaxLength + 1)));
        using var lineBreak = await user.SendAsync(HttpMethod.Patch, "/api/me", new UpdateAccountRequest("Ana\nLima"));
        using var anonymous = await cluster.Replica1.CreateClient().PatchAsJsonAsync("/api/me", new UpdateAccountRequest("Ana"));

        await blank.AssertValidationProblemAsync("displayName");
        await overlong.AssertValidationProblemAsync("displayName");
        await lineBreak.AssertValidationProblemAsync("displayName");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(new AccountDto(user.User.Id, user.Username, user.User.DisplayName, null), await user.SendOkAsync<AccountDto>(HttpMethod.Get, "/api/me"));
    }
}
