using Npgsql;

namespace Squadra.Api.Operations;

internal static class OperationsSetup
{
    public static IHostApplicationBuilder AddSquadraOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<ClusterProbe>();
        builder.Services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "database-primary", tags: [OperationsEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(2));
        builder.Services.AddOpenApi();
        // Behind the gateway the client's address arrives in X-Forwarded-For (trusted from loopback only, the default).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);
        return builder;
    }
}
