using System.Reflection;
using System.Text.Json;
using Dapper;
using Npgsql;
using Squadra.Api.Auth;

namespace Squadra.Api.Idempotency;

/// <summary>
/// The caller's Idempotency-Key, if any. Write handlers record their answer with it inside the
/// transaction that makes the change, so "changed" and "answer remembered" commit together.
/// </summary>
internal sealed class IdempotentRequest
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    private readonly HttpContext? _context;

    private IdempotentRequest(Guid? userId, string? key, HttpContext? context = null)
    {
        UserId = userId;
        Key = key;
        _context = context;
    }

    public Guid? UserId { get; }
    public string? Key { get; }

    public static ValueTask<IdempotentRequest?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<IdempotentRequest?>(From(context));

    public static IdempotentRequest From(HttpContext context)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        return string.IsNullOrEmpty(key) || context.User.Identity?.IsAuthenticated != true || !HttpMethods.IsPost(context.Request.Method)
            ? new IdempotentRequest(null, null)
            : new IdempotentRequest(context.User.UserId(), key, context);
    }

    public async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int statusCode, object? body, string? location, CancellationToken ct)
    {
        if (Key is null)
        {
            return;
        }
        var json = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), JsonSerializerOptions.Web);
        // IdempotencyFilter computed it before the handler ran.
        var requestHash = _context is null ? null : RequestFingerprint.Known(_context);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM idempotency_keys WHERE user_id = @UserId AND key = @Key AND created_at <= now() - interval '24 hours';
            INSERT INTO idempotency_keys (user_id, key, status_code, body, location, request_hash)
            VALUES (@UserId, @Key, @statusCode, @json, @location, @requestHash);
            """,
            new { UserId, Key, statusCode, json, location, requestHash }, transaction, cancellationToken: ct));
    }
}
