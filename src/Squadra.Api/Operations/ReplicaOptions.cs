using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Operations;

internal sealed class ReplicaOptions
{
    public const string Section = "Replica";

    /// <summary>This replica's name, sent as X-Served-By (e.g. "api-1").</summary>
    [Required(ErrorMessage = "Replica:Name is required (environment variable Replica__Name).")]
    public string Name { get; set; } = "";
}

internal sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>Every backend replica of the cluster, this one included, for GET /api/cluster.</summary>
    public List<ClusterReplica> Replicas { get; set; } = [];
}

internal sealed class ClusterReplica
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
}
