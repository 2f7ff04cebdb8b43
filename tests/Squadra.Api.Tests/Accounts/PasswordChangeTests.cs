using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;
using Squadra.Testing;

namespace Squadra.Api.Tests.Accounts;

/// <summary>POST /api/me/password (api-v2 "Accounts"): the other sessions end on every replica, this one stays.</summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordChangeTests(ApiCluster cluster)
{
    private const string NewPassword = "a brand new secret";
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ChangingThePasswordEndsEveryOtherSessionOnEveryReplicaAndKeepsThisOne()
    {
        var user = await cluster.NewUserAsync();
        var replica2 = cluster.Replica2.CreateClient();
        var phone = await replica2.LoginAsync(user.Username);
        await using var phoneOnReplica2 = await HubListener.ConnectAsync(replica2, phone.AccessToken);
        await using var phoneOnReplica1 = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), phone.AccessToken);
        await using var thisDevice = await HubListener.ConnectAsync(cluster.Replica1.CreateClient(), user.Token);

        using var changed = await user.SendAsync(HttpMethod.Post, "/api/me/password", new ChangePasswordRequest(AccountClient.Password, NewPassword));

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.True(await Eventually.FindAsync(
            () => phoneOnReplica1.State == HubConnectionState.Disconnected && phoneOnReplica2.State == HubConnectionState.Disconnected, s_bound),
            $"the other session's connections: replica 1 {phoneOnReplica1.State}, replica 2 {phoneOnReplica2.State}");
        Assert.True(await Eventually.FindAsync(async () =>
        {
            using var refused = await replica2.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", phone.AccessToken));
            return refused.StatusCode == HttpStatusCode.Unauthorized;
        }, s_bound));
        Assert.Equal(HubConnectionState.Connected, thisDevice.State);
        await user.SendOkAsync<AccountDto>(HttpMethod.Get, "/api/me");
        using var oldPassword = await replica2.PostAsJsonAsync("/api/auth/login", new LoginRequest(user.Username, AccountClient.Password));
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        await replica2.LoginAsync(user.Username, NewPassword);
    }

    [Fact]
    public async Task AWrongCurrentPasswordOrAWeakNewOneChangesNothing()
    {
        var user = await cluster.NewUserAsync();
        var otherSession = await cluster.Replica1.CreateClient().LoginAsync(user.Username);

        using var wrong = await user.SendAsync(HttpMethod.Post, "/api/me/password", new ChangePasswordRequest("not my password", NewPassword));
        using var missing = await user.SendAsync(HttpMethod.Post, "/api/me/password", new { newPassword = NewPassword });
        using var weak = await user.SendAsync(HttpMethod.Post, "/api/me/password", new ChangePasswordRequest(AccountClient.Password, "short"));
        using var anonymous = await cluster.Replica1.CreateClient().PostAsJsonAsync("/api/me/password", new ChangePasswordRequest(AccountClient.Password, NewPassword));

        await wrong.AssertValidationProblemAsync("currentPassword");
        await missing.AssertValidationProblemAsync("currentPassword");
        await weak.AssertValidationProblemAsync("newPassword");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await cluster.Replica1.CreateClient().LoginAsync(user.Username);
        using var stillIn = await cluster.Replica1.CreateClient().SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", otherSession.AccessToken));
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }
}
