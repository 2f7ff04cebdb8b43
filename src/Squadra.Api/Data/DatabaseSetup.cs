using Microsoft.Extensions.Options;
using Squadra.Api.Operations;

namespace Squadra.Api.Data;

internal static class DatabaseSetup
{
    public static IHostApplicationBuilder AddSquadraDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .PostConfigure<IOptions<ClusterOptions>>((database, cluster) => database.SharingReplicas = Math.Max(1, cluster.Value.Replicas.Count))
            .ValidateDataAnnotations().ValidateOnStart();
        // Several hosts with "Target Session Attributes=primary" make this a multi-host data source that always opens
        // connections on the current primary. The settings are read when the data source is first asked for, after
        // the options were validated at start.
        builder.Services.AddNpgsqlDataSource(
            connectionString: "",
            dataSourceBuilderAction: (services, dataSource) => dataSource.ConnectionStringBuilder.ConnectionString =
                services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString().ConnectionString);
        builder.Services.AddOptions<PrimaryLocatorOptions>().BindConfiguration(PrimaryLocatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PrimaryLocator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PrimaryLocator>());
        builder.Services.AddSingleton<Db>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }
}
