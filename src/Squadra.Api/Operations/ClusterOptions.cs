using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Operations;

/// <summary>
/// Every backend replica of the cluster, this one included, for GET /api/cluster (section <c>Cluster</c>). None is
/// allowed (a lone replica reports itself only); a listed one needs a name and an absolute http(s) URL, or the
/// replica refuses to start rather than report a cluster it cannot reach.
/// </summary>
internal sealed class ClusterOptions : IValidatableObject
{
    public const string Section = "Cluster";

    public List<ClusterReplica> Replicas { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var index = 0; index < Replicas.Count; index++)
        {
            var replica = Replicas[index];
            if (string.IsNullOrWhiteSpace(replica.Name))
            {
                yield return new ValidationResult($"Cluster:Replicas:{index}:Name is empty", [nameof(Replicas)]);
            }
            if (!Uri.TryCreate(replica.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"Cluster:Replicas:{index}:Url '{replica.Url}' is not an absolute http(s) URL", [nameof(Replicas)]);
            }
        }
    }
}

internal sealed class ClusterReplica
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
}
