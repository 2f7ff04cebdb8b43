using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;
using Squadra.Testing;

namespace Squadra.Api.Tests.Accounts;

/// <summary>POST /api/auth/password-reset and /confirm (api-v2 "Accounts"): a single-use link for an hour, nothing revealed.</summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordResetTests(ApiCluster cluster)
{
    private const string NewPassword = "a password I can remember";

    [Fact]
    public async Task TheEmailedLinkSetsANewPasswordOnceAndEndsEverySessionOnEveryReplica()
    {
        var (user, address) = await cluster.NewUserWithAddressAsync();
        var replica2 = cluster.Replica2.CreateClient();
        await using var onReplica1 = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), user.Token);
        await using var onReplica2 = await HubListener.ConnectAsync(replica2, user.Token);

        using var asked = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(user.Username.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var email = Assert.Single(await Outbox.EmailsToAsync(cluster.ConnectionString, address));
        Assert.Equal("Reset your Squadra password", email.Subject);
        Assert.Contains(user.User.DisplayName, email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("/reset-password", email.Link.AbsolutePath);
        var token = email.Link.Fragment["#token=".Length..];

        using var confirmed = await replica2.PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(token, NewPassword));

        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.True(await Eventually.FindAsync(
            () => onReplica1.State == HubConnectionState.Disconnected && onReplica2.State == HubConnectionState.Disconnected, TimeSpan.FromSeconds(2)),
            $"the sessions' connections: replica 1 {onReplica1.State}, replica 2 {onReplica2.State}");
        using var oldSession = await user.SendAsync(HttpMethod.Get, "/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        using var oldPassword = await Anonymous().PostAsJsonAsync("/api/auth/login", new LoginRequest(user.Username, AccountClient.Password));
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        await Anonymous().LoginAsync(user.Username, NewPassword);

        using var again = await Anonymous().PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(token, "yet another password"));
        await again.AssertValidationProblemAsync("token");
    }

    [Fact]
    public async Task AnEmailAddressInAnyCaseAsksToo()
    {
        var (_, address) = await cluster.NewUserWithAddressAsync();

        using var asked = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(address.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Single(await Outbox.EmailsToAsync(cluster.ConnectionString, address));
    }

    [Fact]
    public async Task AnUnknownLoginAndAnAccountWithoutAnAddressGetTheSameAnswerAndNothingIsSent()
    {
        var withoutAddress = await cluster.NewUserAsync();

        using var unknown = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest("nobody_" + Guid.NewGuid().ToString("N")[..8]));
        using var unknownAddress = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(Outbox.NewAddress()));
        using var noAddress = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(withoutAddress.Username));

        foreach (var answer in (HttpResponseMessage[])[unknown, unknownAddress, noAddress])
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            Assert.Equal("", await answer.Content.ReadAsStringAsync());
        }
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM password_resets WHERE user_id = @id", ("id", Guid.Parse(withoutAddress.User.Id))));
    }

    [Fact]
    public async Task AnAccountGetsAtMostThreeLinksAnHourWhoeverAsks()
    {
        var (user, address) = await cluster.NewUserWithAddressAsync();

        for (var i = 0; i < PasswordResetsPerHour + 2; i++)
        {
            using var asked = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(user.Username));
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        Assert.Equal(PasswordResetsPerHour, (await Outbox.EmailsToAsync(cluster.ConnectionString, address)).Count);
    }

    [Fact]
    public async Task AnExpiredLinkChangesNothing()
    {
        var (user, address) = await cluster.NewUserWithAddressAsync();
        using var asked = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(user.Username));
        var token = Assert.Single(await Outbox.EmailsToAsync(cluster.ConnectionString, address)).Link.Fragment["#token=".Length..];
        await Sql.ExecuteAsync(cluster.ConnectionString,
            "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = @id", ("id", Guid.Parse(user.User.Id)));

        using var expired = await Anonymous().PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(token, NewPassword));

        await expired.AssertValidationProblemAsync("token");
        await user.SendOkAsync<AccountDto>(HttpMethod.Get, "/api/me");
        await Anonymous().LoginAsync(user.Username);
    }

    [Fact]
    public async Task SettingANewPasswordSpendsTheAccountsOtherLinks()
    {
        var (user, address) = await cluster.NewUserWithAddressAsync();
        for (var i = 0; i < 2; i++)
        {
            using var asked = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(user.Username));
        }
        var tokens = (await Outbox.EmailsToAsync(cluster.ConnectionString, address)).Select(e => e.Link.Fragment["#token=".Length..]).ToList();

        using var first = await Anonymous().PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(tokens[1], NewPassword));
        using var second = await Anonymous().PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(tokens[0], "someone else's choice"));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await second.AssertValidationProblemAsync("token");
        await Anonymous().LoginAsync(user.Username, NewPassword);
    }

    [Theory]
    [InlineData(null, NewPassword, "token")]
    [InlineData("not-a-token", NewPassword, "token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NewPassword, "token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "short", "newPassword")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, "newPassword")]
    public async Task AMalformedForgedOrIncompleteConfirmationIsRefused(string? token, string? newPassword, string field)
    {
        using var refused = await Anonymous().PostAsJsonAsync("/api/auth/password-reset/confirm", new PasswordResetConfirmRequest(token, newPassword));

        await refused.AssertValidationProblemAsync(field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("ana\u0000")]
    public async Task ARequestWithoutALoginIsRefused(string? login)
    {
        using var refused = await Anonymous().PostAsJsonAsync("/api/auth/password-reset", new PasswordResetRequest(login));

        await refused.AssertValidationProblemAsync("login");
    }

    private const int PasswordResetsPerHour = 3;

    private HttpClient Anonymous() => cluster.Replica1.CreateClient();
}
