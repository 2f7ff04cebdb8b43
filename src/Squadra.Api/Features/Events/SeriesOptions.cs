using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Events;

internal sealed class SeriesOptions
{
    public const string Section = "Events:Series";

    /// <summary>How often each replica makes the occurrences that came within 12 months since.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ExtendInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Off in tests that drive <see cref="SeriesExtender.ExtendAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;
}
