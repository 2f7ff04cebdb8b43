using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Squadra.Api.Data;

/// <summary>
/// Applies the embedded SQL migrations before the replica starts serving. Both replicas may start
/// at once: a session-level advisory lock makes the second wait, then find nothing left to do.
/// </summary>
internal sealed class DatabaseMigrator(NpgsqlDataSource dataSource, IOptions<DatabaseOptions> database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Any constant shared by all replicas; "SQDR" in ASCII.
    private const long MigrationLockKey = 0x53514452;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The database may still be electing a primary when the replica starts: keep trying for a while.
        var startupRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>().Handle<TimeoutException>(),
                MaxRetryAttempts = 60,
                Delay = TimeSpan.FromSeconds(1),
                OnRetry = args =>
                {
                    logger.LogWarning("Database not ready for migrations ({Error}); retrying", args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        await startupRetry.ExecuteAsync(MigrateAsync, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async ValueTask MigrateAsync(CancellationToken ct)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", MigrationLockKey);
            await acquire.ExecuteNonQueryAsync(ct);
        }

        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(database.Value.ConnectionString().ConnectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly)
                .WithTransactionPerScript()
                // A script that rewrites a large table (0024 re-indexes every message: minutes at a million) must not
                // hit the 30-s command timeout: the replica would fail, restart and roll it back, again and again.
                .WithExecutionTimeout(TimeSpan.FromHours(1))
                .JournalToPostgresqlTable("public", "schema_migrations")
                .LogTo(new MigrationLog(logger))
                .Build();

            if (!upgrader.IsUpgradeRequired())
            {
                logger.LogInformation("Database schema is up to date");
                return;
            }

            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed", result.Error);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private sealed class MigrationLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);
        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);
        public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);
        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);
        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);
        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        // DbUp hands over composite format strings ("{0}"), not message templates.
        private void Write(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (logger.IsEnabled(level))
            {
                logger.Log(level, exception, "{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
            }
        }
    }
}
