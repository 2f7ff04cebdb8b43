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

    private IdempotentRequest(Guid? userId, string? key)
    {
        UserId = userId;
        Key = key;
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
            : new IdempotentRequest(context.User.UserId(), key);
    }

    public async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int statusCode, object? body, string? location, CancellationToken ct)
    {
        if (Key is null)
        {
            return;
        }
        var json = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), JsonSerializerOptions.Web);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM idempotency_keys WHERE user_id = @UserId AND key = @Key AND created_at <= now() - interval '24 hours';
            INSERT INTO idempotency_keys (user_id, key, status_code, body, location)
            VALUES (@UserId, @Key, @statusCode, @json, @location);
            """,
            new { UserId, Key, statusCode, json, location }, transaction, cancellationToken: ct));
    }
}
