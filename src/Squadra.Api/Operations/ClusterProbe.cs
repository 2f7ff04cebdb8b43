using Microsoft.Extensions.Options;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Contracts.Operations;

namespace Squadra.Api.Operations;

/// <summary>Looks at every replica and database node right now; nothing here is cached.</summary>
internal sealed class ClusterProbe(
    IHttpClientFactory httpClients,
    IOptions<ReplicaOptions> replica,
    IOptions<ClusterOptions> cluster,
    IConfiguration configuration,
    ILogger<ClusterProbe> logger)
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(1.5);

    public async Task<ClusterDto> DescribeAsync(CancellationToken ct)
    {
        var replicas = Task.WhenAll(cluster.Value.Replicas.Select(r => ProbeReplicaAsync(r, ct)));
        var nodes = Task.WhenAll(DatabaseNodes.Parse(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)!).Select(n => ProbeDatabaseNodeAsync(n.Host, n.Port, ct)));
        var databaseNodes = await nodes;
        var primary = databaseNodes.FirstOrDefault(n => n.Role == "primary");
        return new ClusterDto(
            replica.Value.Name,
            await replicas,
            new DatabaseDto(primary is null ? null : $"{primary.Host}:{primary.Port}", databaseNodes));
    }

    private async Task<ReplicaDto> ProbeReplicaAsync(ClusterReplica target, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(s_probeTimeout);
        try
        {
            using var response = await httpClients.CreateClient().GetAsync(new Uri(new Uri(target.Url), "/health/ready"), timeout.Token);
            return new ReplicaDto(target.Name, target.Url, response.IsSuccessStatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new ReplicaDto(target.Name, target.Url, false);
        }
    }

    private async Task<DatabaseNodeDto> ProbeDatabaseNodeAsync(string host, int port, CancellationToken ct)
    {
        var single = DatabaseNodes.On(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)!, host, port);
        single.Pooling = false;
        single.Timeout = 2;
        single.CommandTimeout = 2;
        try
        {
            await using var connection = new NpgsqlConnection(single.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            var inRecovery = (bool)(await command.ExecuteScalarAsync(ct))!;
            return new DatabaseNodeDto(host, port, inRecovery ? "standby" : "primary", true);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug(e, "Database node {Host}:{Port} did not answer", host, port);
            }
            return new DatabaseNodeDto(host, port, "unreachable", false);
        }
    }

}
