using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;
using Squadra.Api.Features.Chat;
using Squadra.Api.Features.Events;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Realtime;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.Saved;

/// <summary>
/// Sends <c>message.reminder</c> for the saved messages whose reminder is due, once each, whatever the number of
/// replicas: every replica sweeps, a due row is claimed with FOR UPDATE SKIP LOCKED and its reminder cleared in the
/// transaction that writes the notification, so two sweeps never both send it and a crash mid-sweep leaves it for the
/// next one. A reminder of a message deleted since, or of a chat the person left, is cleared without a word.
/// </summary>
internal sealed class SavedReminderSweeper(
    Db db, ChatStore chat, NotificationWriter notificationWriter, Announcer announcer, TimeProvider clock,
    IOptions<SavedReminderOptions> options, ILogger<SavedReminderSweeper> logger) : BackgroundService
{
    private const int BatchSize = 50;

    private sealed record Due(Guid UserId, Guid MessageId, Guid TeamId, bool IsDm, string? TeamName, bool Visible);

    /// <summary>Sends the reminders due now, one batch; returns how many it took care of.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var due = (await connection.QueryAsync<Due>(new CommandDefinition(
                """
                SELECT s.user_id AS UserId, s.message_id AS MessageId, msg.team_id AS TeamId, t.dm_key IS NOT NULL AS IsDm,
                       CASE WHEN t.dm_key IS NULL THEN t.name END AS TeamName,
                       NOT msg.deleted AND EXISTS (
                           SELECT FROM team_members m WHERE m.team_id = msg.team_id AND m.user_id = s.user_id) AS Visible
                FROM saved_messages s
                JOIN messages msg ON msg.id = s.message_id
                JOIN teams t ON t.id = msg.team_id
                WHERE s.remind_at <= @now
                ORDER BY s.remind_at
                LIMIT @BatchSize
                FOR UPDATE OF s SKIP LOCKED
                """,
                new { now, BatchSize }, transaction, cancellationToken: token))).AsList();
            if (due.Count == 0)
            {
                return 0;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE saved_messages s SET remind_at = NULL
                FROM unnest(@users, @messages) AS d(user_id, message_id)
                WHERE s.user_id = d.user_id AND s.message_id = d.message_id
                """,
                new { users = due.Select(d => d.UserId).ToArray(), messages = due.Select(d => d.MessageId).ToArray() }, transaction, cancellationToken: token));
            var sent = due.Where(d => d.Visible).ToList();
            var messages = (await chat.FindAsync(connection, transaction, [.. sent.Select(d => d.MessageId).Distinct()], token))
                .ToDictionary(m => m.Id);
            var batch = new NotificationBatch();
            foreach (var reminder in sent)
            {
                // A DM's notifications name no team, as dm.message does.
                batch.Add(reminder.UserId, NotificationTypes.MessageReminder, reminder.IsDm ? null : reminder.TeamId,
                    new MessageReminderData(messages[reminder.MessageId.ToString()], reminder.TeamName));
            }
            await batch.WriteAsync(connection, transaction, notificationWriter, token);
            foreach (var reminder in due)
            {
                // Every device of theirs shows the message without its reminder now.
                announcer.AfterCommit(transaction, new MessageSaveChanged(reminder.UserId, reminder.MessageId, Saved: true));
            }
            return due.Count;
        }, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Enabled)
        {
            await BatchedSweep.RunAsync(options.Value.PollInterval, clock, BatchSize, [SweepAsync], logger, stoppingToken);
        }
    }
}
