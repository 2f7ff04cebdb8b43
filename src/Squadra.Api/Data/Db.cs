using Npgsql;
using Polly;
using Polly.Retry;

namespace Squadra.Api.Data;

/// <summary>
/// Opens connections on the primary and retries work that failed for a transient reason
/// (a failover in progress, a broken connection), so a failover shows as a pause, not an error.
/// </summary>
internal sealed class Db(NpgsqlDataSource dataSource, ILogger<Db> logger)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.IsTransient),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1.5),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                logger.LogWarning(args.Outcome.Exception, "Database call failed (attempt {Attempt}); retrying", args.AttemptNumber + 1);
                // After a failover, idle pooled connections may still point at the demoted primary.
                if (args.Outcome.Exception is { } error && TransientDatabaseErrors.MeansThePrimaryMayHaveMoved(error))
                {
                    dataSource.Clear();
                }
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public NpgsqlDataSource DataSource => dataSource;

    public ValueTask<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _retry.ExecuteAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            return await work(connection, token);
        }, ct);

    /// <summary>Runs <paramref name="work"/> in one transaction; it commits only if the work returns.</summary>
    public ValueTask<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _retry.ExecuteAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction, token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
}
