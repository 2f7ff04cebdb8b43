using Dapper;
using Npgsql;
using Squadra.Api.Features.Notifications;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// The @mentions of a team message, written in the transaction that posts or edits it: the names resolve to the team's
/// current members there and then, and each member mentioned for the first time in this message is told once
/// (<c>message.mentioned</c>), so an edit that adds a mention tells only the newly mentioned.
/// </summary>
internal static class MessageMentions
{
    /// <summary>
    /// The message (aliased m) row's mentions as comma-separated ids, in the order of first mention; one index read per
    /// row. Text rather than uuid[]: Dapper cannot bind an array column to a record's constructor.
    /// </summary>
    public const string Aggregate =
        "array_to_string(ARRAY(SELECT mm.user_id FROM message_mentions mm WHERE mm.message_id = m.id ORDER BY mm.ordinal), ',')";

    /// <summary>Replaces the message's mentions with the body's; returns the members to tell, who were never told of it.</summary>
    public static async Task<IReadOnlyList<Guid>> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, Guid authorId, MentionedNames mentioned, CancellationToken ct) =>
        [.. await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            WITH named AS (
                SELECT u.id AS user_id, min(w.ord)::smallint AS ordinal
                FROM unnest(@names::text[]) WITH ORDINALITY AS w(name, ord)
                JOIN users u ON lower(u.username) = lower(w.name)
                JOIN team_members tm ON tm.team_id = @teamId AND tm.user_id = u.id
                WHERE u.id <> @authorId
                GROUP BY u.id
            ), cleared AS (
                DELETE FROM message_mentions WHERE message_id = @messageId AND user_id NOT IN (SELECT user_id FROM named)
            ), kept AS (
                INSERT INTO message_mentions (message_id, user_id, ordinal) SELECT @messageId, user_id, ordinal FROM named
                ON CONFLICT (message_id, user_id) DO UPDATE SET ordinal = EXCLUDED.ordinal
            ), flagged AS (
                UPDATE messages SET mentions_all = @everyone AND EXISTS (
                    SELECT 1 FROM team_members a WHERE a.team_id = @teamId AND a.user_id = @authorId AND a.role IN ('owner', 'admin'))
                WHERE id = @messageId
                RETURNING mentions_all
            ), told AS (
                INSERT INTO mention_notices (message_id, user_id)
                SELECT @messageId, user_id FROM named
                UNION
                SELECT @messageId, tm.user_id FROM team_members tm, flagged
                WHERE flagged.mentions_all AND tm.team_id = @teamId AND tm.user_id <> @authorId
                ON CONFLICT DO NOTHING
                RETURNING user_id
            )
            SELECT user_id FROM told
            """,
            new { teamId, messageId, authorId, names = mentioned.Usernames.ToArray(), everyone = mentioned.All }, transaction, cancellationToken: ct))];

    /// <summary>One <c>message.mentioned</c> per member to tell, written with the message.</summary>
    public static async Task NotifyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NotificationWriter notificationWriter, Guid teamId, IReadOnlyList<Guid> recipients, MessageDto message, CancellationToken ct)
    {
        if (recipients.Count == 0)
        {
            return;
        }
        var teamName = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT name FROM teams WHERE id = @teamId", new { teamId }, transaction, cancellationToken: ct));
        await new NotificationBatch()
            .Add(recipients, NotificationTypes.MessageMentioned, teamId, new MessageMentionedData(message, teamName!))
            .WriteAsync(connection, transaction, notificationWriter, ct);
    }
}
