using Dapper;
using Npgsql;

namespace Squadra.Api.Data;

/// <summary>
/// Drains an outbox table one replica at a time (email, push): each round takes a session-level advisory lock on a
/// connection to the primary and holds it while it sends, so a replica killed mid-batch lets go of it with its
/// connection. The subclass claims due rows (committed before it sends, with a lease for a sender killed mid-send),
/// sends them and marks each; a failure waits <see cref="Backoff"/> before it is tried again.
/// </summary>
internal abstract class OutboxSender(Db db, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromHours(1);

    /// <summary>pg_try_advisory_lock's key for this sender (a constant no other lock of the app uses).</summary>
    protected abstract long LockKey { get; }

    /// <summary>The most rows one round claims; a full round is followed by the next at once.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>Off: the rows stay in the outbox and nothing is sent.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>How often the sender looks for due rows when none was just sent.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>What is sent, for the log ("email", "push messages").</summary>
    protected abstract string What { get; }

    /// <summary>One round as the one sender, on <paramref name="connection"/> (holding the lock): claims, sends and marks; returns how many were sent.</summary>
    protected abstract Task<int> SendRoundAsync(NpgsqlConnection connection, CancellationToken ct);

    /// <summary>How long after its <paramref name="attempts"/>th failed attempt a row is tried again: 1 s, 2 s, 4 s, ... up to an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Max(attempts, 1) - 1), s_maxBackoff.TotalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                if (Enabled)
                {
                    sent = await SendDueAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Sending {What} failed this round ({Error}); trying again", What, e.Message);
            }
            try
            {
                // A full batch: there may be more, at once.
                if (sent < BatchSize)
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: as the one sender, the due rows of one batch; returns how many were sent (0 when another replica is the sender).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var (connection, _) = await db.OpenOnPrimaryAsync(ct);
        await using (connection)
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct)))
            {
                return 0;
            }
            try
            {
                return await SendRoundAsync(connection, ct);
            }
            finally
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
            }
        }
    }
}
