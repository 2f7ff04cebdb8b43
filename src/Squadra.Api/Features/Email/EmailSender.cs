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
/// Drains the outbox (<see cref="EmailOutbox"/>) through the SMTP relay, one replica at a time: each round takes a
/// session-level advisory lock on a connection to the primary and holds it while it sends, so a replica killed mid-batch
/// lets go of it with its connection. Every email is claimed (committed) before it is sent and marked sent right after
/// the relay accepted it; a failure waits longer each time (1 s, 2 s, 4 s, ... up to an hour) and is tried again.
/// What remains is the window between the relay's acceptance and the mark: a sender killed there leaves the email
/// claimed, and after <see cref="EmailOptions.ClaimLease"/> the next sender sends it again, with the same Message-ID
/// (mail systems drop such a repeat). Never lost, at most that one sent twice.
/// </summary>
internal sealed class EmailSender(Db db, IOptionsMonitor<EmailOptions> options, ILogger<EmailSender> logger) : BackgroundService
{
    // pg_try_advisory_lock's key for the sender (any constant no other lock of the app uses).
    private const long LockKey = 0x5351_454d_4149_4c01;
    private const int BatchSize = 20;
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromHours(1);

    private static readonly Counter s_sent = Metrics.CreateCounter("squadra_email_sent_total", "Emails the SMTP relay accepted from this replica.");
    private static readonly Counter s_failed = Metrics.CreateCounter("squadra_email_failed_total", "Email sends that failed and will be tried again.");

    private sealed record Due(Guid Id, string ToAddress, string Subject, string TextBody, string HtmlBody, int Attempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                if (options.CurrentValue.Enabled)
                {
                    sent = await SendDueAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Sending email failed this round ({Error}); trying again", e.Message);
            }
            try
            {
                // A full batch: there may be more, at once.
                if (sent < BatchSize)
                {
                    await Task.Delay(options.CurrentValue.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: as the one sender, the due emails of one batch; returns how many were sent (0 when another replica is the sender).</summary>
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
                var due = (await ClaimAsync(connection, ct)).AsList();
                return due.Count == 0 ? 0 : await SendAsync(connection, due, ct);
            }
            finally
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
            }
        }
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
        var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, email.Attempts - 1), s_maxBackoff.TotalSeconds));
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
