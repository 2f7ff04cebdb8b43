using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Tests.Infrastructure;

namespace Squadra.Api.Tests.Data;

/// <summary>
/// The replicas share PostgreSQL's connections: unless a pool size is set, each takes its share of the budget
/// (80 of max_connections' 100) among the replicas of Cluster:Replicas, at most 30 (docs/scaling.md).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PoolSizeTests(ApiCluster cluster)
{
    [Theory]
    [InlineData(1, null, 30)]
    [InlineData(2, null, 30)]
    [InlineData(3, null, 26)]
    [InlineData(9, null, 8)]
    [InlineData(9, 50, 50)]
    public void EachReplicaTakesItsShareOfTheBudgetUnlessTold(int replicas, int? configured, int expected) =>
        Assert.Equal(expected, new DatabaseOptions { Hosts = "127.0.0.1", SharingReplicas = replicas, MaxPoolSize = configured }.PoolSize);

    [Fact]
    public async Task AReplicaOfNineOpensAtMostEightConnections()
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < 9; i++)
        {
            settings[$"Cluster:Replicas:{i}:Name"] = $"api-{i + 1}";
            settings[$"Cluster:Replicas:{i}:Url"] = $"http://127.0.0.1:{5000 + i}";
        }
        await using var replica = cluster.StartReplica($"api-pool-{Guid.NewGuid():N}"[..16], settings: settings);
        using var client = replica.CreateClient();

        var dataSource = replica.Services.GetRequiredService<NpgsqlDataSource>();

        Assert.Equal(8, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxPoolSize);
    }
}
