using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Features.Accounts;

internal sealed record UserRow(Guid Id, string Username, string DisplayName, string PasswordHash, string? Email = null)
{
    public UserDto ToDto() => new(Id.ToString(), Username, DisplayName);

    /// <summary>The account as its owner sees it, email included.</summary>
    public AccountDto ToAccount() => new(Id.ToString(), Username, DisplayName, Email);
}

internal sealed class AccountStore(Db db)
{
    private const string UniqueViolation = "23505";
    private const string EmailKey = "users_email_lower_key";
    private const string UserColumns = "id, username, display_name AS DisplayName, password_hash AS PasswordHash, email";

    /// <summary>Creates the user; refused when the name, or the email address, is taken in any letter case.</summary>
    public async Task<Outcome<UserRow>> CreateAsync(string username, string displayName, string? email, string passwordHash, CancellationToken ct)
    {
        var user = new UserRow(Guid.CreateVersion7(), username, displayName, passwordHash, email);
        try
        {
            await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO users (id, username, display_name, password_hash, email)
                VALUES (@Id, @Username, @DisplayName, @PasswordHash, @Email)
                """,
                user, cancellationToken: token)), ct);
            return user;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return e.ConstraintName == EmailKey ? EmailTaken(email) : new Refusal.Conflict("Username taken", $"The username '{username}' is already taken.");
        }
    }

    /// <summary>
    /// Changes the display name and the email address (null: as they are; an empty address: none). Another account's
    /// address, in any letter case, is refused.
    /// </summary>
    public async Task<Outcome<UserRow>> UpdateAsync(Guid id, string? displayName, string? email, CancellationToken ct)
    {
        try
        {
            var updated = await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                $"""
                UPDATE users SET
                    display_name = COALESCE(@displayName, display_name),
                    email = CASE WHEN @email IS NULL THEN email ELSE NULLIF(@email, '') END
                WHERE id = @id
                RETURNING {UserColumns}
                """,
                new { id, displayName, email }, cancellationToken: token)), ct);
            return updated is null ? new Refusal.NotFound("user") : updated;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && e.ConstraintName == EmailKey)
        {
            return EmailTaken(email);
        }
    }

    /// <summary>Remembers a token a login issued, so a password change can revoke it; forgets the user's expired ones.</summary>
    public async Task RecordIssuedAsync(Guid userId, Guid tokenId, DateTimeOffset expiresAt, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            """
            WITH expired AS (DELETE FROM issued_tokens WHERE user_id = @userId AND expires_at < now())
            INSERT INTO issued_tokens (jti, user_id, expires_at) VALUES (@tokenId, @userId, @expiresAt)
            """,
            new { userId, tokenId, expiresAt }, cancellationToken: token)), ct);

    /// <summary>
    /// Sets the new password's hash and, in the same transaction, revokes every unexpired token of the user but
    /// <paramref name="keptTokenId"/> (the device that changed it stays signed in). Returns what it revoked.
    /// </summary>
    public async Task<IReadOnlyList<(Guid TokenId, DateTimeOffset ExpiresAt)>> ChangePasswordAsync(
        Guid id, string passwordHash, Guid keptTokenId, CancellationToken ct) =>
        await db.InTransactionAsync((connection, transaction, token) => SetPasswordAsync(connection, transaction, id, passwordHash, keptTokenId, token), ct);

    /// <summary>
    /// In the caller's transaction: the new password's hash, and every unexpired token of the user revoked but
    /// <paramref name="keptTokenId"/> (none kept when null). Returns what it revoked, for this replica's revoked set.
    /// </summary>
    internal static async Task<IReadOnlyList<(Guid TokenId, DateTimeOffset ExpiresAt)>> SetPasswordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string passwordHash, Guid? keptTokenId, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash }, transaction, cancellationToken: ct));
        var revoked = await connection.QueryAsync<(Guid, DateTime)>(new CommandDefinition(
            """
            INSERT INTO revoked_tokens (jti, user_id, expires_at)
            SELECT jti, user_id, expires_at FROM issued_tokens
            WHERE user_id = @id AND (@keptTokenId::uuid IS NULL OR jti <> @keptTokenId) AND expires_at > now()
            ON CONFLICT (jti) DO NOTHING
            RETURNING jti, expires_at
            """,
            new { id, keptTokenId }, transaction, cancellationToken: ct));
        return [.. revoked.Select(r => (r.Item1, Instants.Utc(r.Item2)))];
    }

    private static Refusal.Conflict EmailTaken(string? email) => new Refusal.Conflict("Email taken", $"The address '{email}' belongs to another account.");

    public async Task<UserRow?> FindByUsernameAsync(string username, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE lower(username) = lower(@username)",
            new { username }, cancellationToken: token)), ct);

    public async Task<UserRow?> FindByIdAsync(Guid id, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE id = @id",
            new { id }, cancellationToken: token)), ct);

    public async Task UpdatePasswordHashAsync(Guid id, string passwordHash, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @passwordHash WHERE id = @id",
            new { id, passwordHash }, cancellationToken: token)), ct);
}
