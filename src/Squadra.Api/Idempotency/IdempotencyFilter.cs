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
internal sealed class IdempotencyFilter(Db db) : IEndpointFilter
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
        if (await FindAsync(request, ct) is { } earlier)
        {
            return Answer(earlier, fingerprint);
        }
        try
        {
            return await next(context);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && e.ConstraintName == KeyConstraint)
        {
            return await FindAsync(request, ct) is { } winner ? Answer(winner, fingerprint) : throw new InvalidOperationException("Idempotency key vanished", e);
        }
    }

    private static IResult Answer(StoredResponse stored, byte[] fingerprint) =>
        stored.RequestHash is null || stored.RequestHash.AsSpan().SequenceEqual(fingerprint)
            ? new ReplayedResult(stored)
            : TypedResults.Problem(
                title: "Idempotency key reused",
                detail: $"This {IdempotentRequest.HeaderName} was used for another request (method, path or body); use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity);

    private async Task<StoredResponse?> FindAsync(IdempotentRequest request, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(
            """
            SELECT status_code AS StatusCode, body AS Body, location AS Location, request_hash AS RequestHash
            FROM idempotency_keys
            WHERE user_id = @UserId AND key = @Key AND created_at > now() - interval '24 hours'
            """,
            new { request.UserId, request.Key }, cancellationToken: token)), ct);

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
