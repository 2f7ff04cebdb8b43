using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Features.Accounts;

internal sealed record UserRow(Guid Id, string Username, string DisplayName, string PasswordHash)
{
    public UserDto ToDto() => new(Id.ToString(), Username, DisplayName);
}

internal sealed class AccountStore(Db db)
{
    private const string UniqueViolation = "23505";

    /// <summary>Creates the user, or returns null when the name is taken in any letter case.</summary>
    public async Task<UserRow?> CreateAsync(string username, string displayName, string passwordHash, CancellationToken ct)
    {
        var user = new UserRow(Guid.CreateVersion7(), username, displayName, passwordHash);
        try
        {
            await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO users (id, username, display_name, password_hash)
                VALUES (@Id, @Username, @DisplayName, @PasswordHash)
                """,
                user, cancellationToken: token)), ct);
            return user;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return null;
        }
    }

    public async Task<UserRow?> FindByUsernameAsync(string username, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            """
            SELECT id, username, display_name AS DisplayName, password_hash AS PasswordHash
            FROM users WHERE lower(username) = lower(@username)
            """,
            new { username }, cancellationToken: token)), ct);

    public async Task<UserRow?> FindByIdAsync(Guid id, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            """
            SELECT id, username, display_name AS DisplayName, password_hash AS PasswordHash
            FROM users WHERE id = @id
            """,
            new { id }, cancellationToken: token)), ct);

    public async Task UpdatePasswordHashAsync(Guid id, string passwordHash, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @passwordHash WHERE id = @id",
            new { id, passwordHash }, cancellationToken: token)), ct);
}
