using Dapper;
using Squadra.Api.Data;
using Squadra.Contracts.Push;

namespace Squadra.Api.Features.Push;

/// <summary>The browsers each user turned push on in.</summary>
internal sealed class PushSubscriptionStore(Db db)
{
    /// <summary>
    /// Keeps the subscription for <paramref name="userId"/>: new (or taken over from another user who signed in on that
    /// browser before) is <c>Created</c>; the user's own again only renews its keys. Past <paramref name="maxPerUser"/>
    /// the user's oldest subscriptions go: a browser long gone should not keep a new one out.
    /// </summary>
    public ValueTask<(bool Created, PushSubscriptionDto Subscription)> SubscribeAsync(
        Guid userId, PushSubscriptionRequest request, int maxPerUser, CancellationToken ct) =>
        db.InTransactionAsync(async (connection, transaction, token) =>
        {
            // Another user's subscription of this browser goes with whatever was still queued for them.
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM push_subscriptions WHERE endpoint = @Endpoint AND user_id <> @userId",
                new { request.Endpoint, userId }, transaction, cancellationToken: token));
            var (created, createdAt) = await connection.QuerySingleAsync<(bool, DateTime)>(new CommandDefinition(
                """
                INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth)
                VALUES (@id, @userId, @Endpoint, @p256dh, @auth)
                ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth
                RETURNING xmax = 0, created_at
                """,
                new { id = Guid.CreateVersion7(), userId, request.Endpoint, p256dh = request.Keys.P256dh, auth = request.Keys.Auth },
                transaction, cancellationToken: token));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM push_subscriptions WHERE user_id = @userId AND id NOT IN (
                    SELECT id FROM push_subscriptions WHERE user_id = @userId ORDER BY created_at DESC, id DESC LIMIT @maxPerUser)
                """,
                new { userId, maxPerUser }, transaction, cancellationToken: token));
            return (created, new PushSubscriptionDto(request.Endpoint, Instants.Utc(createdAt)));
        }, ct);

    /// <summary>Removes the user's subscription of <paramref name="endpoint"/>; another user's stays (and the caller learns nothing of it).</summary>
    public ValueTask<int> UnsubscribeAsync(Guid userId, string endpoint, CancellationToken ct) =>
        db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM push_subscriptions WHERE endpoint = @endpoint AND user_id = @userId", new { endpoint, userId }, cancellationToken: token)), ct);
}
