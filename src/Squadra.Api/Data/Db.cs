using System.Diagnostics;
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
    /// <summary>
    /// How long a call keeps retrying. A failover here takes 2-5 s; past this the caller gets a 503 and retries
    /// itself, and a request never waits for long on a database that is down.
    /// </summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(6);

    private static readonly ResiliencePropertyKey<long> s_startedAt = new("squadra.db.started-at");

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } error && TransientDatabaseErrors.IsTransient(error)
                && Stopwatch.GetElapsedTime(args.Context.Properties.GetValue(s_startedAt, 0)) < RetryBudget),
            // Short, nearly constant delays: the new primary is used within ~250 ms of its promotion, where an
            // exponential backoff could sleep for seconds past it.
            MaxRetryAttempts = 100,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromMilliseconds(250),
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
        ExecuteAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            return await work(connection, token);
        }, ct);

    /// <summary>Runs <paramref name="work"/> in one transaction; it commits only if the work returns.</summary>
    public ValueTask<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        ExecuteAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction, token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);

    private async ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(s_startedAt, Stopwatch.GetTimestamp());
        try
        {
            return await _retry.ExecuteAsync(static async (context, attempt) => await attempt(context.CancellationToken), context, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
