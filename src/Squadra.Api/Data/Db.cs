using System.Diagnostics;
using System.Runtime.CompilerServices;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Squadra.Api.Data;

/// <summary>
/// Opens connections on the primary and retries work that failed for a transient reason
/// (a failover in progress, a broken connection), so a failover shows as a pause, not an error.
/// The primary is the node <see cref="PrimaryLocator"/> has found; until it has found one, Npgsql's
/// multi-host data source chooses.
/// </summary>
internal sealed class Db(NpgsqlDataSource multiHostDataSource, PrimaryLocator locator, ILogger<Db> logger)
{
    /// <summary>
    /// How long a call keeps retrying. A failover here takes 2-5 s; past this the caller gets a 503 and retries
    /// itself, and a request never waits for long on a database that is down.
    /// </summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(6);

    private static readonly ResiliencePropertyKey<long> s_startedAt = new("squadra.db.started-at");

    // What each open transaction wants done once it has committed. Npgsql reuses transaction objects, so an
    // attempt's entry is always removed when the attempt ends, committed or not.
    private readonly ConditionalWeakTable<NpgsqlTransaction, List<Action>> _afterCommit = [];

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
                    (locator.Current?.DataSource ?? multiHostDataSource).Clear();
                    locator.LookNow();
                }
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public ValueTask<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken ct) =>
        ExecuteAsync((token, startedAt) => OnPrimaryAsync(work, startedAt, token), ct);

    /// <summary>Runs <paramref name="work"/> in one transaction; it commits only if the work returns.</summary>
    public ValueTask<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        ExecuteAsync((token, startedAt) => OnPrimaryAsync(async (connection, attemptToken) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(attemptToken);
            try
            {
                var result = await work(connection, transaction, attemptToken);
                await transaction.CommitAsync(attemptToken);
                if (_afterCommit.TryGetValue(transaction, out var actions))
                {
                    actions.ForEach(action => action());
                }
                return result;
            }
            finally
            {
                _afterCommit.Remove(transaction);
            }
        }, startedAt, token), ct);

    /// <summary>
    /// Runs <paramref name="action"/> once <paramref name="transaction"/> (one of <see cref="InTransactionAsync{T}"/>'s)
    /// has committed; never if it rolls back or its commit fails (a retried attempt registers its own).
    /// </summary>
    public void AfterCommit(NpgsqlTransaction transaction, Action action) =>
        _afterCommit.GetValue(transaction, static _ => []).Add(action);

    /// <summary>
    /// A connection on the primary for a long-lived use (LISTEN), with the token that is cancelled when that node
    /// stops being taken for the primary.
    /// </summary>
    public async Task<(NpgsqlConnection Connection, CancellationToken Abandoned)> OpenOnPrimaryAsync(CancellationToken ct)
    {
        if (locator.Current is not { } target)
        {
            return (await multiHostDataSource.OpenConnectionAsync(ct), CancellationToken.None);
        }
        return (await target.DataSource.OpenConnectionAsync(ct), target.Abandoned);
    }

    private async Task<T> OnPrimaryAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, long startedAt, CancellationToken ct)
    {
        if (locator.Current is not { } target)
        {
            await using var connection = await multiHostDataSource.OpenConnectionAsync(ct);
            return await work(connection, ct);
        }

        var attempt = AttemptOnAsync(target, work, ct);
        try
        {
            // Npgsql does not give up a connect on cancellation (a frozen server whose listen queue is full lets it
            // hang until its Timeout; an unreachable name server, for its own timeouts), so the caller stops waiting
            // for the attempt rather than for Npgsql: when another node becomes the primary, or when the call's
            // retry budget is spent.
            return await attempt.WaitAsync(Max(RetryBudget - Stopwatch.GetElapsedTime(startedAt), TimeSpan.Zero), target.Abandoned);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            if (attempt.IsCompleted)
            {
                // The attempt ended as its wait was given up (the node abandoned, or the budget spent, at that moment):
                // its own outcome stands, a result (committed: the standby acknowledged it) or the failure the retry
                // policy judges. Seen as a 500 in faults-ci (7 Dec 19:28): the cancelled wait escaped unhandled.
                return await attempt;
            }
            _ = attempt.ContinueWith(static left => left.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (target.Abandoned.IsCancellationRequested)
            {
                throw new PrimaryAbandonedException(target, e);
            }
            throw new TimeoutException($"The database node {target.Host}:{target.Port} did not answer within the retry budget ({RetryBudget}).", e);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // The abandonment token is deliberately not given to Npgsql: it answers a cancellation by sending the server
    // a cancel request, synchronously, on the cancelling thread, and a frozen server lets that connect hang.
    private static async Task<T> AttemptOnAsync<T>(PrimaryTarget target, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await target.DataSource.OpenConnectionAsync(ct);
        return await work(connection, ct);
    }

    private async ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, long, Task<T>> attempt, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(s_startedAt, Stopwatch.GetTimestamp());
        try
        {
            return await _retry.ExecuteAsync(static async (context, attempt) =>
                await attempt(context.CancellationToken, context.Properties.GetValue(s_startedAt, 0)), context, attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
