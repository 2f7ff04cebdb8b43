using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Squadra.Api.Features.NotificationPreferences;
using Squadra.Api.Features.Notifications;

namespace Squadra.Api.Features.Push;

/// <summary>
/// Queues one push message per pushed notification and subscription of its recipient, in the notifications' transaction
/// (<see cref="INotificationsWrittenHandler"/>): a message goes out only if its notification commits. <see cref="PushSender"/> sends them.
/// </summary>
internal sealed class PushOutbox(IOptions<PushOptions> options) : INotificationsWrittenHandler
{
    public async Task OnWrittenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<WrittenNotification> written, CancellationToken ct)
    {
        var pushed = written.Where(n => PushPayloads.IsPushed(n.Type)).ToList();
        if (pushed.Count == 0 || !options.Value.IsConfigured)
        {
            return;
        }
        // Only the event types' data names no team; the others' wording needs no query.
        var teamIds = pushed.Where(n => n.TeamId is not null && n.Type.StartsWith("event.", StringComparison.Ordinal))
            .Select(n => n.TeamId!.Value).Distinct().ToArray();
        var teamNames = teamIds.Length == 0
            ? []
            : (await connection.QueryAsync<(Guid Id, string Name)>(new CommandDefinition(
                "SELECT id, name FROM teams WHERE id = ANY(@teamIds)", new { teamIds }, transaction, cancellationToken: ct)))
                .ToDictionary(t => t.Id, t => t.Name);
        var messages = pushed
            .Select(n => (n.UserId, n.Seq, n.Type, Payload: PushPayloads.For(n, n.TeamId is { } team ? teamNames.GetValueOrDefault(team) : null)))
            .Where(m => m.Payload is not null)
            .ToList();
        // One row per subscription the recipient has now, for the kinds they want by push (their preferences) unless they
        // paused notifications; a user without any subscription costs this one statement.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO push_outbox (id, subscription_id, notification_seq, payload)
            SELECT gen_random_uuid(), s.id, m.seq, m.payload
            FROM unnest(@users, @seqs, @payloads, @kinds) AS m(user_id, seq, payload, kind)
            JOIN push_subscriptions s ON s.user_id = m.user_id
            JOIN user_notification_preferences p ON p.user_id = m.user_id
            WHERE CASE m.kind WHEN 'Invitations' THEN p.push_invitations
                              WHEN 'Mentions' THEN p.push_mentions
                              WHEN 'DirectMessages' THEN p.push_direct_messages
                              WHEN 'Events' THEN p.push_events
                              WHEN 'Reminders' THEN true
                              ELSE false END
              -- Paused (Do Not Disturb): not pushed, then or later; the notification is in the app.
              AND NOT EXISTS (SELECT FROM users u WHERE u.id = m.user_id AND u.notifications_paused_until > now())
            ON CONFLICT (subscription_id, notification_seq) DO NOTHING
            """,
            new
            {
                users = messages.Select(m => m.UserId).ToArray(),
                seqs = messages.Select(m => m.Seq).ToArray(),
                payloads = messages.Select(m => JsonSerializer.Serialize(m.Payload, JsonSerializerOptions.Web)).ToArray(),
                kinds = messages.Select(m => NotificationKinds.Of(m.Type)?.ToString() ?? "").ToArray(),
            }, transaction, cancellationToken: ct));
    }
}
