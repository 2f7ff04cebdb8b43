using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Realtime;

/// <summary>Configuration <c>Realtime:Channel</c> and <c>Realtime:Nats</c>: which channel announcements travel on.</summary>
internal sealed class AnnouncementChannelOptions : IValidatableObject
{
    public const string Section = "Realtime";
    public const string PostgresChannel = "postgres";
    public const string NatsChannel = "nats";

    /// <summary><c>postgres</c> (NOTIFY/LISTEN on the primary, the default) or <c>nats</c> (a NATS cluster, <see cref="NatsChannelOptions"/>).</summary>
    public string Channel { get; set; } = PostgresChannel;

    public NatsChannelOptions Nats { get; set; } = new();

    public bool UsesNats => string.Equals(Channel, NatsChannel, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesNats && !string.Equals(Channel, PostgresChannel, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Realtime:Channel '{Channel}' is neither '{PostgresChannel}' nor '{NatsChannel}'", [nameof(Channel)]);
        }
        if (UsesNats)
        {
            foreach (var error in Nats.Errors())
            {
                yield return new ValidationResult(error, [nameof(Nats)]);
            }
        }
    }
}
