using Squadra.Api.Data;
using Squadra.Api.Operations.OpenApi;

namespace Squadra.Api.Operations;

internal static class OperationsSetup
{
    public static IHostApplicationBuilder AddSquadraOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<ClusterProbe>();
        builder.Services.AddSingleton<Housekeeping>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Housekeeping>());
        builder.Services.AddHealthChecks()
            .AddCheck<PrimaryHealthCheck>("database-primary", tags: [OperationsEndpoints.ReadyTag]);
        builder.Services.AddSquadraOpenApi();
        return builder;
    }
}
