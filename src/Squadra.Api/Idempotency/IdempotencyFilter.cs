using Dapper;
using Npgsql;
using Squadra.Api.Data;

namespace Squadra.Api.Idempotency;

/// <summary>
/// Answers a POST whose Idempotency-Key was seen before (same user, 24 h) with the first answer,
/// without running the handler again. Two concurrent requests with one key: the second one's
/// transaction fails on the key's primary key and it, too, gets the first answer. A key is bound to its
/// request (method, path, body: <see cref="RequestFingerprint"/>): reused for another one, it is a 422.
/// </summary>
internal sealed class IdempotencyFilter(Db db, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    private const string UniqueViolation = "23505";
    private const string KeyConstraint = "idempotency_keys_pkey";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = IdempotentRequest.From(context.HttpContext);
        if (request.Key is null)
        {
            return await next(context);
        }
        if (request.Key.Length > IdempotentRequest.MaxKeyLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotentRequest.HeaderName] = [$"The key must be at most {IdempotentRequest.MaxKeyLength} characters."],
            });
        }

        var ct = context.HttpContext.RequestAborted;
        var fingerprint = await RequestFingerprint.OfAsync(context.HttpContext);
        if (await FindAsync(request, ct) is not null && await FindDurableAsync(request, ct) is { } earlier)
        {
            return Answer(earlier, fingerprint);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (PostgresException e) when (e.SqlState == UniqueViolation && e.ConstraintName == KeyConstraint)
            {
                // Another request with this key committed first: its answer, once it is surely durable.
                if (await FindDurableAsync(request, ct) is { } winner)
                {
                    return Answer(winner, fingerprint);
                }
                // It vanished: a failover discarded it. Then this request has not happened yet; carry it out.
                if (attempt == 2)
                {
                    throw new InvalidOperationException("The idempotency key's first request vanished twice.", e);
                }
            }
        }
    }

    /// <summary>
    /// The stored answer, read in a transaction that commits only once the synchronous standby has everything
    /// before it, the stored answer included; null when there is none. A commit can be visible on a primary without
    /// ever having been acknowledged: its backend died waiting for the standby (a postmaster crash), the postmaster
    /// restarted in place with it, and the failover that follows discards it. A retry of that request would find its
    /// key and replay an answer for a write that is about to vanish. The read and the wait must be one transaction
    /// on one node: when they were two calls, the wait failed on the old primary as it was shut down, the retry ran
    /// on the new one, which has nothing to wait for, and the answer read on the old one was replayed. Now a failure
    /// anywhere repeats the read on the new primary.
    /// </summary>
    private async Task<StoredResponse?> FindDurableAsync(IdempotentRequest request, CancellationToken ct) =>
        await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var stored = await connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(
                FindDurableSql, new { request.UserId, request.Key }, transaction, cancellationToken: token));
            if (stored is not null && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Idempotency-Key {Key} of user {UserId} seen before: its stored answer ({Status}) is replayed", request.Key, request.UserId, stored.StatusCode);
            }
            return stored;
        }, ct);

    /// <summary>
    /// The stored answer, found by rewriting its row. PostgreSQL makes a commit wait for the synchronous standby only
    /// when its transaction wrote WAL (xact.c, RecordTransactionCommit: <c>wrote_xlog &amp;&amp; markXidCommitted</c>);
    /// a transaction id alone (pg_current_xact_id(), as this read had until 5 Dec) commits at once. That was the
    /// acknowledged message lost after a kill -9 of the primary's postmaster (docs/reliability.md, "Fixed in the
    /// backend", 6): the API's retry of the interrupted post ran on the restarted old primary, met the key, and this
    /// read answered for a commit the standby never had. The no-op UPDATE writes a row version: WAL and a transaction
    /// id, so the commit waits like a write's. A missing key writes nothing and waits for nothing.
    /// </summary>
    internal const string FindDurableSql = """
        UPDATE idempotency_keys SET created_at = created_at
        WHERE user_id = @UserId AND key = @Key AND created_at > now() - interval '24 hours'
        RETURNING status_code AS StatusCode, body AS Body, location AS Location, request_hash AS RequestHash
        """;

    private static IResult Answer(StoredResponse stored, byte[] fingerprint) =>
        stored.RequestHash is null || stored.RequestHash.AsSpan().SequenceEqual(fingerprint)
            ? new ReplayedResult(stored)
            : TypedResults.Problem(
                title: "Idempotency key reused",
                detail: $"This {IdempotentRequest.HeaderName} was used for another request (method, path or body); use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity);

    private const string FindSql = """
        SELECT status_code AS StatusCode, body AS Body, location AS Location, request_hash AS RequestHash
        FROM idempotency_keys
        WHERE user_id = @UserId AND key = @Key AND created_at > now() - interval '24 hours'
        """;

    // A plain read first: nearly every key is new, and only a found one needs the transaction that waits.
    private async Task<StoredResponse?> FindAsync(IdempotentRequest request, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(
            FindSql, new { request.UserId, request.Key }, cancellationToken: token)), ct);

    private sealed class ReplayedResult(StoredResponse stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = stored.StatusCode;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (stored.Location is not null)
            {
                httpContext.Response.Headers.Location = stored.Location;
            }
            if (stored.Body is not null)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await httpContext.Response.WriteAsync(stored.Body, httpContext.RequestAborted);
            }
        }
    }
}
