using Dapper;
using Npgsql;

namespace Squadra.Api.Features.Teams;

/// <summary>
/// Reads shared by the team and invitation features; every one runs on the caller's connection and transaction. A
/// direct message is kept as a team whose members have the role 'dm' (0013_direct_messages.sql): the reads that say
/// whether someone is in a team, and which teams, leave those rows out, so no team endpoint knows a DM.
/// </summary>
internal static class TeamQueries
{
    private const string TeamColumns = """
        t.id, t.name, t.description, m.role, t.created_at AS CreatedAt,
        (SELECT count(*) FROM team_members x WHERE x.team_id = t.id)::int AS MemberCount,
        t.message_seq AS LastMessageSeq, m.last_read_seq AS LastReadSeq, t.search_language::text AS Language, m.muted
        """;

    public static Task<TeamRow?> TeamAsSeenByAsync(this NpgsqlConnection connection, Guid teamId, Guid userId, NpgsqlTransaction? transaction, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<TeamRow>(new CommandDefinition(
            $"SELECT {TeamColumns} FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.team_id = @teamId AND m.user_id = @userId AND m.role <> 'dm'",
            new { teamId, userId }, transaction, cancellationToken: ct));

    public static Task<IEnumerable<TeamRow>> TeamsOfAsync(this NpgsqlConnection connection, Guid userId, CancellationToken ct) =>
        connection.QueryAsync<TeamRow>(new CommandDefinition(
            $"SELECT {TeamColumns} FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = @userId AND m.role <> 'dm' ORDER BY lower(t.name), t.id",
            new { userId }, cancellationToken: ct));

    public static Task<IEnumerable<MemberRow>> MembersAsync(this NpgsqlConnection connection, Guid teamId, NpgsqlTransaction? transaction, CancellationToken ct) =>
        connection.QueryAsync<MemberRow>(new CommandDefinition(
            """
            SELECT m.user_id AS UserId, u.username, u.display_name AS DisplayName, m.role, m.joined_at AS JoinedAt
            FROM team_members m JOIN users u ON u.id = m.user_id
            WHERE m.team_id = @teamId ORDER BY m.joined_at, u.username
            """,
            new { teamId }, transaction, cancellationToken: ct));

    /// <summary>The user's role in the team; null for a non-member.</summary>
    public static Task<string?> RoleAsync(this NpgsqlConnection connection, Guid teamId, Guid userId, NpgsqlTransaction? transaction, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT role FROM team_members WHERE team_id = @teamId AND user_id = @userId AND role <> 'dm'",
            new { teamId, userId }, transaction, cancellationToken: ct));

    /// <summary>The user's role in the team, locking the membership row until the transaction ends; null for a non-member.</summary>
    public static Task<string?> LockRoleAsync(this NpgsqlConnection connection, Guid teamId, Guid userId, NpgsqlTransaction transaction, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT role FROM team_members WHERE team_id = @teamId AND user_id = @userId AND role <> 'dm' FOR UPDATE",
            new { teamId, userId }, transaction, cancellationToken: ct));

    public static async Task<Guid[]> MemberIdsAsync(this NpgsqlConnection connection, Guid teamId, NpgsqlTransaction transaction, CancellationToken ct) =>
        [.. await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM team_members WHERE team_id = @teamId", new { teamId }, transaction, cancellationToken: ct))];
}
