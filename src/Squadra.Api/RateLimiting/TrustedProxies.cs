using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Squadra.Api.RateLimiting;

/// <summary>
/// Who the client is, for the per-address limits: behind the gateway every request comes from the gateway,
/// and the client's address is in X-Forwarded-For. That header is believed only from the proxies listed in
/// <c>Network:TrustedProxies</c> (addresses or CIDR networks, comma-separated; default: loopback, where
/// ./run.sh's gateway is). From anyone else it is ignored, so a client cannot pick its own bucket.
/// </summary>
internal static class TrustedProxies
{
    public const string Setting = "Network:TrustedProxies";

    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var listed = builder.Configuration[Setting];
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                if (!string.IsNullOrWhiteSpace(listed))
                {
                    options.KnownIPNetworks.Clear();
                    options.KnownProxies.Clear();
                    foreach (var entry in listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        Add(options, entry);
                    }
                }
            })
            .ValidateOnStart();
        return builder;
    }

    private static void Add(ForwardedHeadersOptions options, string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
        {
            options.KnownIPNetworks.Add(network);
        }
        else if (IPAddress.TryParse(entry, out var address))
        {
            options.KnownProxies.Add(address);
        }
        else
        {
            throw new InvalidOperationException($"{Setting}: '{entry}' is neither an IP address nor a CIDR network.");
        }
    }
}
