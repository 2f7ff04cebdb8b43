using Dapper;
using Squadra.Api.Data;

namespace Squadra.Api.Operations;

/// <summary>
/// Purges bookkeeping rows nobody reads any more: idempotency keys past their 24 h, revocations of tokens that
/// have expired (validation refuses those anyway). Every replica runs it every <see cref="Interval"/>; a
/// transaction-level advisory lock lets one replica at a time do the work, the others skip that round.
/// </summary>
internal sealed class Housekeeping(Db db, ILogger<Housekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    // pg_try_advisory_xact_lock's key for this job (any constant no other lock of the app uses).
    private const long LockKey = 0x5351_4844_484b_0001;

    /// <summary>Returns how many rows went, or null when another replica held the lock.</summary>
    public async Task<long?> PurgeAsync(CancellationToken ct) =>
        await db.InTransactionAsync<long?>(async (connection, transaction, token) =>
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT pg_try_advisory_xact_lock(@LockKey)", new { LockKey }, transaction, cancellationToken: token)))
            {
                return null;
            }
            var keys = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'", transaction: transaction, cancellationToken: token));
            // An hour past expiry: the revoked-token poller's own margin (RevokedTokensPoller) is far less.
            var revocations = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM revoked_tokens WHERE expires_at < now() - interval '1 hour'", transaction: transaction, cancellationToken: token));
            return keys + revocations;
        }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await PurgeAsync(stoppingToken) is > 0 and var purged && logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("Housekeeping purged {Rows} expired idempotency keys and revocations", purged);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Housekeeping failed; next round in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
