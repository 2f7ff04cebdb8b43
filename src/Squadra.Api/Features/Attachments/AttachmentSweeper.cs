using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;

namespace Squadra.Api.Features.Attachments;

/// <summary>
/// Deletes uploads no message carries <see cref="AttachmentOptions.UnattachedLifetime"/> after they came (a composer
/// abandoned, a tab closed), freeing their team's quota. Every replica runs it; a transaction-level advisory lock lets
/// one at a time do the work (as Housekeeping). A post attaching one of them at the same moment either wins the row
/// (the sweep then finds it attached and leaves it) or finds it gone and is refused (400).
/// </summary>
internal sealed class AttachmentSweeper(Db db, IOptions<AttachmentOptions> options, TimeProvider clock, ILogger<AttachmentSweeper> logger) : BackgroundService
{
    // pg_try_advisory_xact_lock's key for this job (any constant no other lock of the app uses).
    private const long LockKey = 0x5351_4844_4154_0001;
    private const int BatchSize = 100;

    /// <summary>Deletes one batch; returns how many went, or null when another replica held the lock.</summary>
    public async Task<int?> SweepAsync(CancellationToken ct) =>
        await db.InTransactionAsync<int?>(async (connection, transaction, token) =>
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT pg_try_advisory_xact_lock(@LockKey)", new { LockKey }, transaction, cancellationToken: token)))
            {
                return null;
            }
            return await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM attachments WHERE id IN (
                    SELECT id FROM attachments WHERE message_id IS NULL AND created_at < @before ORDER BY created_at LIMIT @BatchSize)
                AND message_id IS NULL
                """,
                new { before = clock.GetUtcNow() - options.Value.UnattachedLifetime, BatchSize }, transaction, cancellationToken: token));
        }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    while (await SweepAsync(stoppingToken) is BatchSize)
                    {
                        // A full batch: there may be more right now.
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "The sweep of unattached uploads failed; the next one retries");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
