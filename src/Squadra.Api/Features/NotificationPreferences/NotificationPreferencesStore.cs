using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Contracts.NotificationPreferences;

namespace Squadra.Api.Features.NotificationPreferences;

internal sealed class NotificationPreferencesStore(Db db)
{
    private sealed record PreferencesRow(
        bool PushInvitations, bool EmailInvitations, bool PushMentions, bool EmailMentions,
        bool PushDirectMessages, bool EmailDirectMessages, bool PushEvents, bool EmailEvents, DateTime? PausedUntil)
    {
        public NotificationPreferencesDto ToDto() => new(
            new(PushInvitations, EmailInvitations), new(PushMentions, EmailMentions),
            new(PushDirectMessages, EmailDirectMessages), new(PushEvents, EmailEvents))
        {
            PausedUntil = PausedUntil is { } until ? Instants.Utc(until) : null,
        };
    }

    // The pause is the user's row's (NotificationPauseStore); one already over reads as none.
    private const string Columns = """
        push_invitations AS PushInvitations, email_invitations AS EmailInvitations, push_mentions AS PushMentions,
        email_mentions AS EmailMentions, push_direct_messages AS PushDirectMessages, email_direct_messages AS EmailDirectMessages,
        push_events AS PushEvents, email_events AS EmailEvents,
        (SELECT u.notifications_paused_until FROM users u WHERE u.id = @userId AND u.notifications_paused_until > now()) AS PausedUntil
        """;

    public async Task<NotificationPreferencesDto?> GetAsync(Guid userId, CancellationToken ct) =>
        (await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<PreferencesRow>(new CommandDefinition(
            $"SELECT {Columns} FROM user_notification_preferences WHERE user_id = @userId", new { userId }, cancellationToken: token)), ct))?.ToDto();

    /// <summary>Changes what <paramref name="change"/> names, keeps the rest; null when the user is gone.</summary>
    public async Task<NotificationPreferencesDto?> ChangeAsync(Guid userId, NotificationPreferencesChange change, CancellationToken ct) =>
        (await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO notification_preferences SELECT * FROM user_notification_preferences WHERE user_id = @userId ON CONFLICT (user_id) DO NOTHING",
                new { userId }, transaction, cancellationToken: token));
            return await connection.QuerySingleOrDefaultAsync<PreferencesRow>(new CommandDefinition(
                $"""
                UPDATE notification_preferences SET
                    push_invitations = coalesce(@PushInvitations, push_invitations),
                    email_invitations = coalesce(@EmailInvitations, email_invitations),
                    push_mentions = coalesce(@PushMentions, push_mentions),
                    email_mentions = coalesce(@EmailMentions, email_mentions),
                    push_direct_messages = coalesce(@PushDirectMessages, push_direct_messages),
                    email_direct_messages = coalesce(@EmailDirectMessages, email_direct_messages),
                    push_events = coalesce(@PushEvents, push_events),
                    email_events = coalesce(@EmailEvents, email_events)
                WHERE user_id = @userId
                RETURNING {Columns}
                """,
                new
                {
                    userId,
                    PushInvitations = change.Invitations?.Push, EmailInvitations = change.Invitations?.Email,
                    PushMentions = change.Mentions?.Push, EmailMentions = change.Mentions?.Email,
                    PushDirectMessages = change.DirectMessages?.Push, EmailDirectMessages = change.DirectMessages?.Email,
                    PushEvents = change.Events?.Push, EmailEvents = change.Events?.Email,
                },
                transaction, cancellationToken: token));
        }, ct))?.ToDto();

    /// <summary>
    /// In the caller's transaction: the user's address and name when they have an address and want <paramref name="kind"/>
    /// by email; null otherwise.
    /// </summary>
    public static Task<(string Email, string DisplayName)?> EmailRecipientAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, NotificationKind kind, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<(string, string)?>(new CommandDefinition(
            $"""
            SELECT u.email, u.display_name FROM users u JOIN user_notification_preferences p ON p.user_id = u.id
            WHERE u.id = @userId AND u.email IS NOT NULL AND p.{NotificationKinds.EmailColumn(kind)}
            """,
            new { userId }, transaction, cancellationToken: ct));
}
