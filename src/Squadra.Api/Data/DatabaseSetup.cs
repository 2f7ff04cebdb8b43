namespace Squadra.Api.Data;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Squadra";

    public static IHostApplicationBuilder AddSquadraDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment variable ConnectionStrings__{ConnectionStringName}).");
        }

        // A multi-host string ("Host=a:5432,b:5433;Target Session Attributes=primary") makes this a
        // multi-host data source that always opens connections on the current primary.
        builder.Services.AddNpgsqlDataSource(connectionString);
        builder.Services.AddOptions<PrimaryLocatorOptions>().BindConfiguration(PrimaryLocatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PrimaryLocator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PrimaryLocator>());
        builder.Services.AddSingleton<Db>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }
}
