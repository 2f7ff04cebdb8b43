using Dapper;
using Npgsql;

namespace Squadra.Api.Features.Email;

/// <summary>Puts an email in the outbox, in the caller's transaction: it goes out only if what caused it commits.</summary>
internal static class EmailOutbox
{
    /// <summary>Queues <paramref name="message"/> for the event <paramref name="eventKey"/>; false when that event already queued one.</summary>
    public static async Task<bool> EnqueueAsync(
        this NpgsqlConnection connection, NpgsqlTransaction transaction, EmailMessage message, string eventKey, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO email_outbox (id, event_key, to_address, subject, text_body, html_body)
            VALUES (@id, @eventKey, @To, @Subject, @TextBody, @HtmlBody)
            ON CONFLICT (event_key) DO NOTHING
            """,
            new { id = Guid.CreateVersion7(), eventKey, message.To, message.Subject, message.TextBody, message.HtmlBody },
            transaction, cancellationToken: ct)) == 1;
}
