using System.Diagnostics;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;
using Squadra.Contracts.Operations;

namespace Squadra.Api.Operations;

/// <summary>
/// Every replica looked at now, and every database node as this replica's <see cref="PrimaryLocator"/> last saw it
/// (it asks each node its role every 250 ms): a call opens no database connection of its own.
/// </summary>
internal sealed class ClusterProbe(
    IHttpClientFactory httpClients,
    IOptions<ReplicaOptions> replica,
    IOptions<ClusterOptions> cluster,
    PrimaryLocator locator,
    IOptions<PrimaryLocatorOptions> locatorOptions)
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(1.5);

    public async Task<ClusterDto> DescribeAsync(CancellationToken ct)
    {
        var replicas = Task.WhenAll(cluster.Value.Replicas.Select(r => ProbeReplicaAsync(r, ct)));
        // A node counts as answering while its last answer is no older than two probe rounds.
        var fresh = 2 * (locatorOptions.Value.ProbeInterval + locatorOptions.Value.ProbeTimeout);
        var nodes = locator.Nodes.Select(node =>
        {
            var answering = node.AnsweredAt != 0 && Stopwatch.GetElapsedTime(node.AnsweredAt) < fresh;
            var role = !answering ? "unreachable" : node.Writable ? "primary" : "standby";
            return new DatabaseNodeDto(node.Host, node.Port, role, answering);
        }).ToList();
        var primary = locator.Current is { } current ? $"{current.Host}:{current.Port}" : null;
        return new ClusterDto(replica.Value.Name, await replicas, new DatabaseDto(primary, nodes));
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
}
