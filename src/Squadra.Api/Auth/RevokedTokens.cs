using Dapper;
using Squadra.Api.Data;

namespace Squadra.Api.Auth;

/// <summary>Logout revokes a token in the database, so every replica refuses it from the next request on.</summary>
internal sealed class RevokedTokens(Db db)
{
    public async Task RevokeAsync(Guid tokenId, Guid userId, DateTimeOffset expiresAt, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES (@tokenId, @userId, @expiresAt)
            ON CONFLICT (jti) DO NOTHING
            """,
            new { tokenId, userId, expiresAt }, cancellationToken: token)), ct);

    public async Task<bool> IsRevokedAsync(Guid tokenId, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = @tokenId)",
            new { tokenId }, cancellationToken: token)), ct);
}
