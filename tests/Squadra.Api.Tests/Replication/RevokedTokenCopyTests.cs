using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Squadra.Api.Auth;
using Squadra.Api.Tests.Infrastructure;

namespace Squadra.Api.Tests.Replication;

/// <summary>Each replica's in-memory copy of the revoked tokens (docs/decisions/0005-revoked-tokens-in-memory.md).</summary>
[Collection(ApiCollection.Name)]
public sealed class RevokedTokenCopyTests(ApiCluster cluster)
{
    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    [Fact]
    public async Task ARevocationWhoseCommitComesLateIsStillPickedUp()
    {
        var session = await _replica1.SignUpAsync();
        var jti = Guid.Parse(new JsonWebToken(session.AccessToken).Id);

        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(
                "INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES (@jti, @userId, @expiresAt)",
                new { jti, userId = Guid.Parse(session.User.Id), session.ExpiresAt }, transaction);
            // Polls run meanwhile; a "revoked since the last poll" by clock would now skip this row.
            await Task.Delay(3 * new RevocationOptions().PollInterval);
            await transaction.CommitAsync();
        }

        var refusedAfter = await Revocation.TimeUntilRefusedAsync(_replica2, session.AccessToken);
        Assert.True(refusedAfter <= Revocation.Bound, $"Replica 2 accepted the revoked token for {refusedAfter}.");
    }

    [Fact]
    public async Task AReplicaLoadsTheRevocationsMadeBeforeItStarted()
    {
        var session = await _replica1.SignUpAsync();
        using (var logout = await _replica1.SendAsync(AccountClient.Authorized(HttpMethod.Post, "/api/auth/logout", session.AccessToken)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        // One poll at start, then none for an hour, and the copy trusted meanwhile: only the start-up load can know the token.
        await using var late = cluster.StartReplica("api-late-revocations", settings: new Dictionary<string, string>
        {
            ["Auth:Revocation:PollInterval"] = "01:00:00",
            ["Auth:Revocation:StaleAfter"] = "01:00:00",
        });
        var client = late.CreateClient();
        var copy = late.Services.GetRequiredService<RevokedTokenSet>();
        await WaitUntilAsync(() => copy.IsCurrent);

        Assert.True(copy.Contains(Guid.Parse(new JsonWebToken(session.AccessToken).Id)));
        using var response = await client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AReplicaWhoseCopyIsStaleAsksTheDatabase()
    {
        // It polls once at start and not again for an hour: its copy is stale 200 ms later.
        await using var stale = cluster.StartReplica("api-stale-revocations", settings: new Dictionary<string, string>
        {
            ["Auth:Revocation:PollInterval"] = "01:00:00",
            ["Auth:Revocation:StaleAfter"] = "00:00:00.2",
        });
        var client = stale.CreateClient();
        var copy = stale.Services.GetRequiredService<RevokedTokenSet>();
        var session = await _replica1.SignUpAsync();
        using (var accepted = await client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", session.AccessToken)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var logout = await _replica1.SendAsync(AccountClient.Authorized(HttpMethod.Post, "/api/auth/logout", session.AccessToken)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        await WaitUntilAsync(() => !copy.IsCurrent);

        using var response = await client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/me", session.AccessToken));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
