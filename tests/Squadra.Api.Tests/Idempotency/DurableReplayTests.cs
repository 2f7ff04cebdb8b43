using System.Net;
using Npgsql;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Testing;

namespace Squadra.Api.Tests.Idempotency;

/// <summary>
/// A replay answers only for what the synchronous standby has. The scene of the acknowledged message lost after a
/// kill -9 of the primary's postmaster (docs/reliability.md, "Fixed in the backend", 6): the old primary, restarted
/// in place, holds a post whose commit its standby never received, and a retry of that post meets its key there.
/// Here the standby that never received it is a name in synchronous_standby_names that no server answers to, on a
/// server of this test's own (it would stall every other test's writes).
/// </summary>
[Collection(DurableReplayCollection.Name)]
public sealed class DurableReplayTests : IAsyncLifetime
{
    private const string Database = "squadra";

    private TestPostgres? _server;
    private ApiFactory? _replica;

    public async Task InitializeAsync()
    {
        try
        {
            _server = await TestPostgres.StartAsync();
            await _server.CreateDatabaseAsync(Database);
            // The deployments' timeouts: a commit that waits is abandoned after 3 s and retried within the budget.
            _replica = new ApiFactory(
                $"Host=127.0.0.1;Port={_server.Port};Database={Database};Username=postgres;Timeout=2;Command Timeout=3;Cancellation Timeout=-1",
                "api-durable-replay");
            _replica.UseKestrel(0);
            _replica.StartServer();
        }
        catch
        {
            // xunit does not dispose a test class whose InitializeAsync failed: the server would outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task AStoredAnswerTheStandbyNeverReceivedIsNotReplayed()
    {
        var owner = await TestUser.SignUpAsync(_replica!.CreateClient());
        var team = await owner.CreateTeamAsync();
        var key = Guid.NewGuid().ToString();
        var path = $"/api/teams/{team.Id}/messages";
        using (var first = await owner.SendAsync(HttpMethod.Post, path, new PostMessageRequest("not yet on the standby"), key))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        await RequireStandbyAsync("nobody");
        using var retry = await owner.SendAsync(HttpMethod.Post, path, new PostMessageRequest("not yet on the standby"), key);

        // Before the fix the replay's commit had a transaction id but no WAL and did not wait: 201, replayed.
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"), $"Replayed with {(int)retry.StatusCode} for a commit no standby has.");
        await retry.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>Sets synchronous_standby_names and returns once new sessions see it (a reload is a signal, not a wait).</summary>
    private async Task RequireStandbyAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(_server!.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"ALTER SYSTEM SET synchronous_standby_names = '{name}'; SELECT pg_reload_conf();", connection);
            await command.ExecuteNonQueryAsync();
        }
        Assert.True(await _server.QueryAsync("SHOW synchronous_standby_names", TimeSpan.FromSeconds(10), answer => answer == name) is not null,
            $"synchronous_standby_names did not become '{name}'.");
    }

    public async Task DisposeAsync()
    {
        try
        {
            // No standby required any more, so that nothing of the replica's shutdown waits on a commit.
            if (_server is not null)
            {
                await RequireStandbyAsync("");
            }
            if (_replica is not null)
            {
                await _replica.DisposeAsync();
            }
        }
        finally
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}

/// <summary>Its own collection: the test's server stalls writes on purpose for the retry budget.</summary>
[CollectionDefinition(Name)]
public sealed class DurableReplayCollection
{
    public const string Name = "durable-replay";
}
