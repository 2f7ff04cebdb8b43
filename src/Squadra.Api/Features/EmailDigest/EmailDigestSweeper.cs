using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;
using Squadra.Api.Features.Email;
using Squadra.Api.Features.Events;

namespace Squadra.Api.Features.EmailDigest;

/// <summary>
/// Mentions, DMs and (for those who want them) event notifications still unread <see cref="EmailDigestOptions.Delay"/>
/// after they came go to the user's address as one email. Each user has a cursor (<c>users.digest_seq</c>) moved in
/// the transaction that queues the email, under the user's row lock: every replica may sweep, and each notification is
/// considered once, so no digest is sent twice and none is lost (the outbox's key is the user and the cursor). A
/// notification counts as read when it is, or when the chat it is about was read past its message on any device.
/// Only the last day is looked at: a new deployment does not email old history. A user who paused notifications gets
/// no digest until the pause ends; then what is still unread goes (within that day).
/// </summary>
internal sealed class EmailDigestSweeper(
    Db db, IOptions<EmailDigestOptions> options, IOptions<EmailOptions> email, TimeProvider clock, ILogger<EmailDigestSweeper> logger) : BackgroundService
{
    private const int BatchSize = 50;

    // The types a digest may hold, and whether the user wants each by email; read chats count as read.
    private const string Digestible = """
        n.read_at IS NULL
        AND CASE WHEN n.type = 'message.mentioned' THEN p.email_mentions
                 WHEN n.type = 'dm.message' THEN p.email_direct_messages
                 WHEN n.type LIKE 'event.%' THEN p.email_events
                 ELSE false END
        AND NOT EXISTS (
            SELECT FROM team_members m
            WHERE m.user_id = n.user_id
              AND m.team_id = coalesce(n.data -> 'message' ->> 'teamId', n.data -> 'message' ->> 'dmId')::uuid
              AND m.last_read_seq >= (n.data -> 'message' ->> 'seq')::bigint)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Enabled)
        {
            await BatchedSweep.RunAsync(options.Value.PollInterval, clock, BatchSize, [DigestDueUsersAsync], logger, stoppingToken);
        }
    }

    /// <summary>One batch of users with something due; returns how many it looked at.</summary>
    internal async Task<int> DigestDueUsersAsync(CancellationToken ct)
    {
        var due = (await db.RunAsync((connection, token) => connection.QueryAsync<(Guid UserId, long Through)>(new CommandDefinition(
            $"""
            SELECT n.user_id, max(n.seq)
            FROM notifications n
            JOIN users u ON u.id = n.user_id
            JOIN user_notification_preferences p ON p.user_id = n.user_id
            WHERE n.read_at IS NULL AND n.created_at > now() - interval '1 day' AND n.created_at <= now() - @Delay
              AND n.seq > u.digest_seq AND u.email IS NOT NULL AND {Digestible}
              AND (u.notifications_paused_until IS NULL OR u.notifications_paused_until <= now())
            GROUP BY n.user_id
            LIMIT @BatchSize
            """,
            new { options.Value.Delay, BatchSize }, cancellationToken: token)), ct)).ToList();
        foreach (var (userId, through) in due)
        {
            await DigestAsync(userId, through, ct);
        }
        return due.Count;
    }

    private async Task DigestAsync(Guid userId, long through, CancellationToken ct) =>
        await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var user = await connection.QuerySingleAsync<(long DigestSeq, string? Email, string DisplayName)>(new CommandDefinition(
                "SELECT digest_seq, email, display_name FROM users WHERE id = @userId FOR NO KEY UPDATE",
                new { userId }, transaction, cancellationToken: token));
            if (user.DigestSeq >= through || user.Email is null)
            {
                return false;
            }
            var unread = (await connection.QueryAsync<(string Type, string Data)>(new CommandDefinition(
                $"""
                SELECT n.type, n.data::text
                FROM notifications n JOIN user_notification_preferences p ON p.user_id = n.user_id
                WHERE n.user_id = @userId AND n.seq > @from AND n.seq <= @through AND {Digestible}
                ORDER BY n.seq
                """,
                new { userId, from = user.DigestSeq, through }, transaction, cancellationToken: token))).ToList();
            if (unread.Count > 0)
            {
                var digest = DigestEmail.Compose(email.Value, user.Email, user.DisplayName, unread);
                await connection.EnqueueAsync(transaction, digest, $"digest:{userId}:{through}", token);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET digest_seq = @through WHERE id = @userId", new { userId, through }, transaction, cancellationToken: token));
            return true;
        }, ct);
}
