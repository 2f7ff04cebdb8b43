using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;
using Squadra.Api.Features.Notifications;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Sends event.reminder to members who answered going or maybe, and event.rsvpRequested to members who have not
/// answered, each once per member and event, whatever the number of replicas. Every replica sweeps; a due event is
/// claimed with FOR UPDATE SKIP LOCKED and marked in the transaction that writes its notifications, so two sweeps
/// never both take it and a crash mid-sweep leaves it for the next one.
/// </summary>
internal sealed class ReminderSweeper(Db db, NotificationWriter notificationWriter, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderSweeper> logger)
    : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>Sends the reminders and requests for an answer due now; returns how many events it took care of.</summary>
    public async Task<int> SweepAsync(CancellationToken ct) => await RemindAttendeesAsync(ct) + await AskNonRespondersAsync(ct);

    private async Task<int> RemindAttendeesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now + options.Value.Lead;
        return await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var due = (await connection.QueryAsync<(Guid Id, Guid TeamId)>(new CommandDefinition(
                """
                SELECT id, team_id FROM events
                WHERE NOT reminded AND NOT cancelled AND starts_at > @now AND starts_at <= @dueBefore
                ORDER BY starts_at
                LIMIT @BatchSize
                FOR UPDATE SKIP LOCKED
                """,
                new { now, dueBefore, BatchSize }, transaction, cancellationToken: token))).ToList();
            if (due.Count == 0)
            {
                return 0;
            }

            var batch = new NotificationBatch();
            foreach (var (eventId, teamId) in due)
            {
                var attendees = await connection.QueryAsync<Guid>(new CommandDefinition(
                    """
                    SELECT r.user_id FROM event_rsvps r
                    JOIN team_members m ON m.team_id = @teamId AND m.user_id = r.user_id
                    WHERE r.event_id = @eventId AND r.response IN (@going, @maybe)
                    """,
                    new { eventId, teamId, going = EventRules.RsvpGoing, maybe = EventRules.RsvpMaybe }, transaction, cancellationToken: token));
                var forEveryone = await EventStore.FindForEveryoneAsync(connection, transaction, teamId, eventId, token);
                batch.Add(attendees, NotificationTypes.EventReminder, teamId, new EventNotificationData(forEveryone!));
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE events SET reminded = true WHERE id = ANY(@ids)",
                new { ids = due.Select(d => d.Id).ToArray() }, transaction, cancellationToken: token));
            await batch.WriteAsync(connection, transaction, notificationWriter, token);
            return due.Count;
        }, ct);
    }

    /// <summary>
    /// Members without an answer are asked for one once the event's lead before its start has come. Not when the event
    /// was made later than that, since everyone was just told of it, nor once its RSVP deadline has
    /// passed, since no answer would be taken: such an event is marked without a word.
    /// </summary>
    private async Task<int> AskNonRespondersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var defaultLead = options.Value.NonResponderLead;
        return await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var due = (await connection.QueryAsync<(Guid Id, Guid TeamId, bool TooLate)>(new CommandDefinition(
                """
                SELECT id, team_id,
                       created_at > starts_at - coalesce(rsvp_request_lead, @defaultLead) OR coalesce(rsvp_deadline < @now, false) AS TooLate
                FROM events
                WHERE NOT rsvp_requested AND NOT cancelled AND starts_at > @now AND starts_at <= @now + interval '30 days'
                  AND coalesce(rsvp_request_lead, @defaultLead) > interval '0'
                  AND starts_at - coalesce(rsvp_request_lead, @defaultLead) <= @now
                ORDER BY starts_at
                LIMIT @BatchSize
                FOR UPDATE SKIP LOCKED
                """,
                new { now, defaultLead, BatchSize }, transaction, cancellationToken: token))).ToList();
            if (due.Count == 0)
            {
                return 0;
            }

            var batch = new NotificationBatch();
            foreach (var (eventId, teamId, _) in due.Where(d => !d.TooLate))
            {
                var silent = await connection.QueryAsync<Guid>(new CommandDefinition(
                    """
                    SELECT m.user_id FROM team_members m
                    WHERE m.team_id = @teamId
                      AND NOT EXISTS (SELECT FROM event_rsvps r WHERE r.event_id = @eventId AND r.user_id = m.user_id)
                    """,
                    new { eventId, teamId }, transaction, cancellationToken: token));
                var forEveryone = await EventStore.FindForEveryoneAsync(connection, transaction, teamId, eventId, token);
                batch.Add(silent, NotificationTypes.EventRsvpRequested, teamId, new EventNotificationData(forEveryone!));
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE events SET rsvp_requested = true WHERE id = ANY(@ids)",
                new { ids = due.Select(d => d.Id).ToArray() }, transaction, cancellationToken: token));
            await batch.WriteAsync(connection, transaction, notificationWriter, token);
            return due.Count;
        }, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Enabled)
        {
            await BatchedSweep.RunAsync(options.Value.PollInterval, clock, BatchSize, [RemindAttendeesAsync, AskNonRespondersAsync], logger, stoppingToken);
        }
    }
}
