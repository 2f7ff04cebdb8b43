using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Data;

/// <summary>How often and how patiently <see cref="PrimaryLocator"/> asks each database node for its role.</summary>
internal sealed class PrimaryLocatorOptions
{
    public const string Section = "Database:Locator";

    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A node that has not answered within this is taken as not answering (a frozen server accepts TCP connections and never replies).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
