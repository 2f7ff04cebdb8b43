using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Squadra.Api.RateLimiting;

/// <summary>
/// Who the client is, for the per-address limits: behind the gateway every request comes from the gateway,
/// and the client's address is in X-Forwarded-For. That header is believed only from the proxies listed in
/// <see cref="NetworkOptions.TrustedProxies"/>. From anyone else it is ignored, so a client cannot pick its own bucket.
/// </summary>
internal static class TrustedProxiesSetup
{
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<NetworkOptions>>((options, network) =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                var proxies = network.Value.ParsedProxies().ToList();
                if (proxies.Count == 0)
                {
                    return;
                }
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var proxy in proxies)
                {
                    if (proxy.Network is { } listedNetwork)
                    {
                        options.KnownIPNetworks.Add(listedNetwork);
                    }
                    else if (proxy.Address is { } address)
                    {
                        options.KnownProxies.Add(address);
                    }
                }
            })
            .ValidateOnStart();
        return builder;
    }
}
