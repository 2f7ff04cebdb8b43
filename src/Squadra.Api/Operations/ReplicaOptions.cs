using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Operations;

internal sealed class ReplicaOptions
{
    public const string Section = "Replica";

    /// <summary>This replica's name, sent as X-Served-By (e.g. "api-1").</summary>
    [Required(ErrorMessage = "Replica:Name is required (environment variable Replica__Name).")]
    public string Name { get; set; } = "";
}
