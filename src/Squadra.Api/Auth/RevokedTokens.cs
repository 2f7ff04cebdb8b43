using Dapper;
using Squadra.Api.Data;

namespace Squadra.Api.Auth;

/// <summary>
/// Logout revokes a token in the database. Every replica refuses it from its in-memory copy of the
/// revocations: at once on the replica that revoked it, within a poll interval on the others
/// (<see cref="RevokedTokensPoller"/>); while that copy is not current, each check asks the database.
/// </summary>
internal sealed class RevokedTokens(Db db, RevokedTokenSet known)
{
    public async Task RevokeAsync(Guid tokenId, Guid userId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES (@tokenId, @userId, @expiresAt)
            ON CONFLICT (jti) DO NOTHING
            """,
            new { tokenId, userId, expiresAt }, cancellationToken: token)), ct);
        known.Add(tokenId, expiresAt);
    }

    public ValueTask<bool> IsRevokedAsync(Guid tokenId, CancellationToken ct) =>
        known.Contains(tokenId) ? ValueTask.FromResult(true)
        : known.IsCurrent ? ValueTask.FromResult(false)
        : AskTheDatabaseAsync(tokenId, ct);

    private async ValueTask<bool> AskTheDatabaseAsync(Guid tokenId, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = @tokenId)",
            new { tokenId }, cancellationToken: token)), ct);
}
