using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Squadra.Api.Auth;
using Squadra.Api.Data;

namespace Squadra.Api.Features.Events;

/// <summary>
/// Calendar apps cannot send a bearer header, so a feed URL carries a personal token:
/// "{userId}.{HMAC-SHA256(signing key, userId + nonce)}". Nothing secret is stored (a database leak
/// does not reveal tokens), the URL can be shown again, and a new nonce revokes every old URL.
/// </summary>
internal sealed class CalendarFeedTokens(Db db, IOptions<AuthOptions> auth)
{
    public async Task<string> CurrentAsync(Guid userId, CancellationToken ct)
    {
        var nonce = await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT nonce FROM calendar_feed_tokens WHERE user_id = @userId", new { userId }, cancellationToken: token)), ct);
        return nonce is null ? await RotateAsync(userId, ct) : Token(userId, nonce);
    }

    public async Task<string> RotateAsync(Guid userId, CancellationToken ct)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO calendar_feed_tokens (user_id, nonce) VALUES (@userId, @nonce)
            ON CONFLICT (user_id) DO UPDATE SET nonce = excluded.nonce, created_at = now()
            """,
            new { userId, nonce }, cancellationToken: token)), ct);
        return Token(userId, nonce);
    }

    /// <summary>The user a token belongs to, or null for a forged, malformed or revoked one.</summary>
    public async Task<Guid?> OwnerOfAsync(string? token, CancellationToken ct)
    {
        var parts = token?.Split('.', 2);
        if (parts is not [var id, _] || !Guid.TryParse(id, out var userId))
        {
            return null;
        }
        var nonce = await db.RunAsync((connection, t) => connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT nonce FROM calendar_feed_tokens WHERE user_id = @userId", new { userId }, cancellationToken: t)), ct);
        return nonce is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(userId, nonce)), Encoding.ASCII.GetBytes(token!))
            ? userId
            : null;
    }

    private string Token(Guid userId, byte[] nonce)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes($"calendar-feed:{userId:N}:"), .. nonce];
        var mac = HMACSHA256.HashData(auth.Value.SigningKeyBytes(), message);
        return $"{userId:N}.{WebEncoders.Base64UrlEncode(mac)}";
    }
}
