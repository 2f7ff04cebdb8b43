using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;
using Squadra.Api.Features.Email;

namespace Squadra.Api.Features.Accounts;

/// <summary>
/// Password reset by email: a single-use link valid <see cref="Lifetime"/>, sent to the account's address through
/// the outbox in the transaction that records it. Nothing tells the caller whether the login named an account.
/// </summary>
internal sealed class PasswordResets(Db db, IOptions<EmailOptions> email)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Links per account per hour: past it nothing more is sent, so nobody can flood a member's inbox from many addresses.</summary>
    public const int LinksPerAccountPerHour = 3;

    /// <summary>Emails a reset link when <paramref name="login"/> (username or email, any letter case) names an account with an address.</summary>
    public async Task RequestAsync(string login, CancellationToken ct) =>
        await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            // Locked so that concurrent requests count each other's links.
            var account = await connection.QuerySingleOrDefaultAsync<(Guid Id, string DisplayName, string Email)?>(new CommandDefinition(
                """
                SELECT id, display_name, email FROM users
                WHERE email IS NOT NULL AND (lower(username) = lower(@login) OR lower(email) = lower(@login))
                FOR NO KEY UPDATE
                """,
                new { login }, transaction, cancellationToken: token));
            if (account is not { } user)
            {
                return false;
            }
            var recent = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT count(*) FROM password_resets WHERE user_id = @Id AND created_at > now() - interval '1 hour'",
                new { user.Id }, transaction, cancellationToken: token));
            if (recent >= LinksPerAccountPerHour)
            {
                return false;
            }
            var link = LinkToken.New();
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (@hash, @Id, now() + @Lifetime)",
                new { hash = link.Hash, user.Id, Lifetime }, transaction, cancellationToken: token));
            return await connection.EnqueueAsync(transaction, PasswordResetEmail.Compose(email.Value, user.Email, user.DisplayName, link.Value),
                $"password-reset:{Convert.ToHexString(link.Hash)}", token);
        }, ct);

    /// <summary>
    /// Spends the link and sets the password, revoking every token of the account (all its sessions end) and every
    /// other unspent link. Null when the link is unknown, spent or expired; else the revoked tokens.
    /// </summary>
    public async Task<IReadOnlyList<(Guid TokenId, DateTimeOffset ExpiresAt)>?> ConfirmAsync(string token, string passwordHash, CancellationToken ct) =>
        await db.InTransactionAsync<IReadOnlyList<(Guid, DateTimeOffset)>?>(async (connection, transaction, cancellation) =>
        {
            var userId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "UPDATE password_resets SET used_at = now() WHERE token_hash = @hash AND used_at IS NULL AND expires_at > now() RETURNING user_id",
                new { hash = LinkToken.HashOf(token) }, transaction, cancellationToken: cancellation));
            if (userId is not { } id)
            {
                return null;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE password_resets SET used_at = now() WHERE user_id = @id AND used_at IS NULL",
                new { id }, transaction, cancellationToken: cancellation));
            return await AccountStore.SetPasswordAsync(connection, transaction, id, passwordHash, keptTokenId: null, cancellation);
        }, ct);
}
