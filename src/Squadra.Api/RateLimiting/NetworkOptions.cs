using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Squadra.Api.RateLimiting;

/// <summary>
/// Section <c>Network</c>: the proxies whose X-Forwarded-For is believed (<see cref="TrustedProxiesSetup"/>), as
/// addresses or CIDR networks, comma-separated; empty leaves ASP.NET's default, loopback, where ./run.sh's gateway is.
/// </summary>
internal sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "Network";

    public string TrustedProxies { get; set; } = "";

    /// <summary>The listed proxies: each entry is a single address or a network.</summary>
    public IEnumerable<(IPAddress? Address, System.Net.IPNetwork? Network, string Entry)> ParsedProxies() =>
        TrustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
            entry.Contains('/', StringComparison.Ordinal)
                ? (null, System.Net.IPNetwork.TryParse(entry, out var network) ? network : null, entry)
                : (IPAddress.TryParse(entry, out var address) ? address : null, (System.Net.IPNetwork?)null, entry));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ParsedProxies()
            .Where(proxy => proxy.Address is null && proxy.Network is null)
            .Select(proxy => new ValidationResult(
                $"Network:TrustedProxies: '{proxy.Entry}' is neither an IP address nor a CIDR network.", [nameof(TrustedProxies)]));
}
