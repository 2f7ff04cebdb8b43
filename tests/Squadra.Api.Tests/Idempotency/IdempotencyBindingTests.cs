using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Operations;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Idempotency;

/// <summary>
/// api-v2 "Idempotency": a key is bound to the request it was first used for. Before issue 15 the same key with
/// another body or path replayed the first, unrelated answer. Old keys and expired revocations are purged by a
/// job that runs on one replica at a time.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyBindingTests(ApiCluster cluster)
{
    [Fact]
    public async Task TheSameRequestIsReplayedOnEitherReplica()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("once"), key);
        using var again = await owner.On(cluster.Replica2.CreateClient()).SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("once"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.Content.ReadFromJsonAsync<MessageDto>())!.Id, (await again.Content.ReadFromJsonAsync<MessageDto>())!.Id);
    }

    [Fact]
    public async Task TheReplayCarriesTheFirstAnswersLocationHoweverTheIdWasWritten()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var key = Guid.NewGuid().ToString();
        var path = $"/api/teams/{team.Id.ToUpperInvariant()}/messages";

        using var first = await owner.SendAsync(HttpMethod.Post, path, new PostMessageRequest("located"), key);
        using var again = await owner.On(cluster.Replica2.CreateClient()).SendAsync(HttpMethod.Post, path, new PostMessageRequest("located"), key);

        var message = (await first.Content.ReadFromJsonAsync<MessageDto>())!;
        Assert.Equal($"/api/teams/{team.Id}/messages/{message.Id}", first.Headers.Location?.ToString());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
    }

    [Fact]
    public async Task AKeyReusedWithAnotherBodyOrPathIsRefusedAndChangesNothing()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var key = Guid.NewGuid().ToString();
        using (var first = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("first"), key))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var otherBody = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest("second"), key);
        await otherBody.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        using var otherPath = await owner.SendAsync(HttpMethod.Post, "/api/teams", new CreateTeamRequest("Another"), key);
        await otherPath.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var history = await owner.SendOkAsync<List<MessageDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/messages");
        Assert.Equal(["first"], history.Select(m => m.Body));
        Assert.DoesNotContain(await owner.SendOkAsync<List<TeamDto>>(HttpMethod.Get, "/api/teams"), t => t.Name == "Another");
    }

    [Fact]
    public async Task HousekeepingPurgesOldKeysAndExpiredRevocationsOnOneReplicaAtATime()
    {
        var user = await cluster.NewUserAsync();
        var userId = Guid.Parse(user.User.Id);
        var fresh = Guid.NewGuid();
        await Sql.ExecuteAsync(cluster.ConnectionString,
            """
            INSERT INTO idempotency_keys (user_id, key, status_code, created_at) VALUES (@user, 'old', 201, now() - interval '25 hours'), (@user, 'new', 201, now());
            INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES (@expired, @user, now() - interval '2 hours'), (@fresh, @user, now() + interval '2 hours');
            """,
            ("user", userId), ("expired", Guid.NewGuid()), ("fresh", fresh));

        var one = cluster.Replica1.Services.GetRequiredService<Housekeeping>();
        var two = cluster.Replica2.Services.GetRequiredService<Housekeeping>();
        var rounds = await Task.WhenAll(one.PurgeAsync(CancellationToken.None), two.PurgeAsync(CancellationToken.None));

        Assert.True(rounds.Any(r => r is > 0), $"rounds: {string.Join(", ", rounds)}");
        Assert.Equal(1, await Sql.ScalarAsync<long>(cluster.ConnectionString, "SELECT count(*) FROM idempotency_keys WHERE user_id = @user", ("user", userId)));
        Assert.Equal(fresh, await Sql.ScalarAsync<Guid>(cluster.ConnectionString, "SELECT jti FROM revoked_tokens WHERE user_id = @user", ("user", userId)));
    }
}
