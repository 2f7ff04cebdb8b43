using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Operations;
using Squadra.Testing;

namespace Squadra.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiCluster cluster)
{
    private readonly HttpClient _client = cluster.Replica1.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswer200WhenTheDatabaseIsUp(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadinessIs503AndLivenessStays200WhenTheDatabaseGoesAway()
    {
        await using var doomed = await TestPostgres.StartAsync();
        await doomed.CreateDatabaseAsync("squadra");
        await using var replica = new ApiFactory(doomed.ConnectionString("squadra"), "api-doomed");
        replica.UseKestrel(0);
        var client = replica.CreateClient();
        await AssertBecomesReadyAsync(client);

        await doomed.StopAsync();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task MetricsAreInPrometheusTextFormat()
    {
        await _client.GetAsync("/health/live");

        using var response = await _client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_requests_received_total counter", text, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClusterEndpointRequiresAToken()
    {
        using var response = await _client.GetAsync("/api/cluster");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheClusterEndpointShowsReplicasAndThePrimary()
    {
        var session = await _client.SignUpAsync();

        using var response = await _client.SendAsync(AccountClient.Authorized(HttpMethod.Get, "/api/cluster", session.AccessToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cluster1 = (await response.Content.ReadFromJsonAsync<ClusterDto>())!;
        Assert.Equal("api-1", cluster1.Replica);
        Assert.Equal(["api-1", "api-2"], cluster1.Replicas.Select(r => r.Name));
        Assert.All(cluster1.Replicas, r => Assert.True(r.Healthy));
        var node = Assert.Single(cluster1.Database.Nodes);
        Assert.Equal(("primary", true), (node.Role, node.Healthy));
        Assert.Equal($"127.0.0.1:{cluster.Postgres.Port}", cluster1.Database.Primary);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpoint()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/auth/register", "/api/auth/login", "/api/auth/logout", "/api/me", "/api/cluster" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task TheApiReferencePageIsServed()
    {
        using var response = await _client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachMigrationWasAppliedOnceThoughTwoReplicasStartedTogether()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        var applied = (await connection.QueryAsync<string>("SELECT scriptname FROM schema_migrations")).ToList();

        Assert.NotEmpty(applied);
        Assert.Equal(applied.Count, applied.Distinct().Count());
        var embedded = typeof(Program).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).ToList();
        Assert.Equal(embedded.Order(), applied.Order());
    }

    [Fact]
    public async Task AReplicaStartingOnAnUpToDateDatabaseChangesNothing()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        var before = await connection.QuerySingleAsync<long>("SELECT count(*) FROM schema_migrations");

        await using (var late = cluster.StartReplica("api-late"))
        {
            await AssertBecomesReadyAsync(late.CreateClient());
        }

        Assert.Equal(before, await connection.QuerySingleAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    // Ready once its fan-out listener is up, which is a moment after it starts answering.
    private static async Task AssertBecomesReadyAsync(HttpClient client) =>
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var ready = await client.GetAsync("/health/ready");
            return ready.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30)), "/health/ready never answered 200");
}
