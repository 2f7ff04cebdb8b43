using Microsoft.Extensions.Options;
using Prometheus;
using Squadra.Api.Auth;
using Squadra.Api.Operations;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Realtime;

internal static class RealtimeSetup
{
    private static readonly Gauge s_connections = Metrics.CreateGauge("squadra_hub_connections", "Hub connections open on this replica.");

    /// <summary>The transport of the fan-out; each feature adds its events and handlers (<see cref="FanoutRegistration"/>).</summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(options =>
        {
            // Clients mostly listen; what they send (Ready, typing signals) is tiny.
            options.MaximumReceiveMessageSize = 4 * 1024;
            options.KeepAliveInterval = TimeSpan.FromSeconds(10);
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddOptions<FanoutOptions>().BindConfiguration(FanoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AnnouncementChannelOptions>().BindConfiguration(AnnouncementChannelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Realtime:Channel picks the channel; the other one is never built (no NATS connection on postgres, no LISTEN on nats).
        builder.Services.AddSingleton<PostgresAnnouncementChannel>();
        builder.Services.AddSingleton<NatsAnnouncementChannel>();
        builder.Services.AddSingleton<IAnnouncementChannel>(sp => sp.GetRequiredService<IOptions<AnnouncementChannelOptions>>().Value.UsesNats
            ? sp.GetRequiredService<NatsAnnouncementChannel>()
            : sp.GetRequiredService<PostgresAnnouncementChannel>());
        builder.Services.AddSingleton<Announcer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Announcer>());
        builder.Services.AddSingleton<FanoutPayloads>();
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<UserConnections>();
        builder.Services.AddSingleton<TokenConnections>();
        builder.Services.AddSingleton<FanoutQueue>();
        builder.Services.AddSingleton<FanoutDispatcher>();
        builder.Services.AddSingleton<FanoutListener>();
        builder.Services.AddHostedService<FanoutReception>();
        builder.Services.AddHostedService<FanoutSweep>();
        builder.Services.AddHealthChecks().AddCheck<FanoutHealthCheck>("fanout-listener", tags: [OperationsEndpoints.ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        var registry = app.ServiceProvider.GetRequiredService<ConnectionRegistry>();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() => s_connections.Set(registry.ConnectionCount));
        var tokens = app.ServiceProvider.GetRequiredService<TokenConnections>();
        app.ServiceProvider.GetRequiredService<RevokedTokenSet>().Revoked += tokens.Close;
        // A connection outlives no token: it is closed when the token that opened it expires.
        app.MapHub<RealtimeHub>(RealtimeMethods.HubPath, options => options.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
