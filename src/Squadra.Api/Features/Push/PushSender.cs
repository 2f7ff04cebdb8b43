using System.Net;
using Dapper;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;
using Squadra.Api.Data;

namespace Squadra.Api.Features.Push;

/// <summary>
/// Drains the push outbox (<see cref="PushOutbox"/>) one replica at a time (<see cref="OutboxSender"/>), through
/// Lib.Net.Http.WebPush: the payload encrypted for the subscription (RFC 8291, aes128gcm), signed with our VAPID key
/// (RFC 8292). Claimed before it is sent and deleted once the push service accepted it; a subscription the push service
/// says is gone (404, 410) is deleted with its messages; anything else is tried again after a backoff. As with email,
/// a sender killed between the acceptance and the delete leaves one message to be sent again after the lease.
/// </summary>
internal sealed class PushSender(Db db, IOptionsMonitor<PushOptions> options, IHttpClientFactory httpClients, ILogger<PushSender> logger)
    : OutboxSender(db, logger)
{
    public const string HttpClientName = "push";

    private static readonly Counter s_sent = Metrics.CreateCounter("squadra_push_sent_total", "Push messages a push service accepted from this replica.");
    private static readonly Counter s_failed = Metrics.CreateCounter("squadra_push_failed_total", "Push message sends that failed and will be tried again.");
    private static readonly Counter s_gone = Metrics.CreateCounter("squadra_push_subscriptions_gone_total", "Subscriptions deleted because their push service said they are gone.");

    private sealed record Due(Guid Id, Guid SubscriptionId, string Endpoint, string P256dh, string Auth, string Payload, int Attempts);

    protected override long LockKey => 0x5351_5055_5348_0001;

    protected override int BatchSize => 50;

    protected override bool Enabled => options.CurrentValue.Enabled && options.CurrentValue.IsConfigured;

    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override string What => "push messages";

    protected override async Task<int> SendRoundAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var due = (await ClaimAsync(connection, ct)).AsList();
        if (due.Count == 0)
        {
            return 0;
        }
        var settings = options.CurrentValue;
        using var vapid = new VapidAuthentication(settings.Vapid.PublicKey!, settings.Vapid.PrivateKey!) { Subject = settings.Vapid.Subject };
        var client = new PushServiceClient(httpClients.CreateClient(HttpClientName))
        {
            DefaultAuthentication = vapid,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            DefaultTimeToLive = (int)settings.TimeToLive.TotalSeconds,
            // A 429 is a failure like any other: retried by the outbox's backoff, not by waiting here with the lock held.
            AutoRetryAfter = false,
        };
        var sent = 0;
        foreach (var message in due)
        {
            if (await SendAsync(connection, client, message, ct))
            {
                sent++;
            }
        }
        return sent;
    }

    private Task<IEnumerable<Due>> ClaimAsync(NpgsqlConnection connection, CancellationToken ct) =>
        connection.QueryAsync<Due>(new CommandDefinition(
            """
            WITH claimed AS (
                UPDATE push_outbox SET sending_since = now(), attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM push_outbox
                    WHERE next_attempt_at <= now() AND (sending_since IS NULL OR sending_since < now() - @lease)
                    ORDER BY created_at LIMIT @BatchSize)
                RETURNING id, subscription_id, payload, attempts, created_at)
            SELECT c.id, c.subscription_id AS SubscriptionId, s.endpoint, s.p256dh, s.auth, c.payload, c.attempts
            FROM claimed c JOIN push_subscriptions s ON s.id = c.subscription_id
            ORDER BY c.created_at
            """,
            new { lease = options.CurrentValue.ClaimLease, BatchSize }, cancellationToken: ct));

    /// <summary>Sends one message; true when the push service accepted it.</summary>
    private static async Task<bool> SendAsync(NpgsqlConnection connection, PushServiceClient client, Due message, CancellationToken ct)
    {
        var subscription = new PushSubscription { Endpoint = message.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, message.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, message.Auth);
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(message.Payload) { Urgency = PushMessageUrgency.Normal }, ct);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // The browser unsubscribed or the push service dropped it: nothing for it will ever arrive.
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM push_subscriptions WHERE id = @SubscriptionId", new { message.SubscriptionId }, cancellationToken: ct));
            s_gone.Inc();
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            s_failed.Inc();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE push_outbox SET sending_since = NULL, next_attempt_at = now() + @wait, last_error = @error WHERE id = @Id",
                new { message.Id, wait = Backoff(message.Attempts), error = e.Message }, cancellationToken: ct));
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM push_outbox WHERE id = @Id", new { message.Id }, cancellationToken: ct));
        s_sent.Inc();
        return true;
    }
}
