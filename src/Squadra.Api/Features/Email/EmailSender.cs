using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using Prometheus;
using Squadra.Api.Data;

namespace Squadra.Api.Features.Email;

/// <summary>
/// Drains the outbox (<see cref="EmailOutbox"/>) through the SMTP relay, one replica at a time (<see cref="OutboxSender"/>).
/// Every email is claimed (committed) before it is sent and marked sent right after the relay accepted it; a failure
/// is tried again after a backoff. What remains is the window between the relay's acceptance and the mark: a sender
/// killed there leaves the email claimed, and after <see cref="EmailOptions.ClaimLease"/> the next sender sends it
/// again, with the same Message-ID (mail systems drop such a repeat). Never lost, at most that one sent twice.
/// </summary>
internal sealed class EmailSender(Db db, IOptionsMonitor<EmailOptions> options, ILogger<EmailSender> logger) : OutboxSender(db, logger)
{
    private static readonly Counter s_sent = Metrics.CreateCounter("squadra_email_sent_total", "Emails the SMTP relay accepted from this replica.");
    private static readonly Counter s_failed = Metrics.CreateCounter("squadra_email_failed_total", "Email sends that failed and will be tried again.");

    private sealed record Due(Guid Id, string ToAddress, string Subject, string TextBody, string HtmlBody, int Attempts);

    protected override long LockKey => 0x5351_454d_4149_4c01;

    protected override int BatchSize => 20;

    protected override bool Enabled => options.CurrentValue.Enabled;

    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override string What => "email";

    protected override async Task<int> SendRoundAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var due = (await ClaimAsync(connection, ct)).AsList();
        return due.Count == 0 ? 0 : await SendAsync(connection, due, ct);
    }

    private Task<IEnumerable<Due>> ClaimAsync(NpgsqlConnection connection, CancellationToken ct) =>
        connection.QueryAsync<Due>(new CommandDefinition(
            """
            UPDATE email_outbox SET sending_since = now(), attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM email_outbox
                WHERE sent_at IS NULL AND next_attempt_at <= now() AND (sending_since IS NULL OR sending_since < now() - @lease)
                ORDER BY created_at LIMIT @BatchSize)
            RETURNING id, to_address AS ToAddress, subject, text_body AS TextBody, html_body AS HtmlBody, attempts
            """,
            new { lease = options.CurrentValue.ClaimLease, BatchSize }, cancellationToken: ct));

    private async Task<int> SendAsync(NpgsqlConnection connection, List<Due> due, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, Enum.Parse<SecureSocketOptions>(settings.Smtp.Security), ct);
            if (settings.Smtp.Username is { Length: > 0 } username)
            {
                await smtp.AuthenticateAsync(username, settings.Smtp.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var email in due)
            {
                await RetryLaterAsync(connection, email, e.Message, ct);
            }
            throw;
        }
        var sent = 0;
        foreach (var email in due)
        {
            try
            {
                await smtp.SendAsync(ToMime(email, settings), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RetryLaterAsync(connection, email, e.Message, ct);
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE email_outbox SET sent_at = now(), sending_since = NULL, last_error = NULL WHERE id = @Id", new { email.Id }, cancellationToken: ct));
            s_sent.Inc();
            sent++;
        }
        await smtp.DisconnectAsync(quit: true, ct);
        return sent;
    }

    private static async Task RetryLaterAsync(NpgsqlConnection connection, Due email, string error, CancellationToken ct)
    {
        s_failed.Inc();
        var wait = Backoff(email.Attempts);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE email_outbox SET sending_since = NULL, next_attempt_at = now() + @wait, last_error = @error WHERE id = @Id",
            new { email.Id, wait, error }, cancellationToken: ct));
    }

    private static MimeMessage ToMime(Due email, EmailOptions settings)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            // The same id every time it is sent: a repeat after a crash (see above) is recognisable as one.
            MessageId = $"{email.Id}@squadra",
            Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.Smtp.FromName, settings.Smtp.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.ToAddress));
        return message;
    }
}
