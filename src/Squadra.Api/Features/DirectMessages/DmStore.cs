using Dapper;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Teams;
using Squadra.Api.Idempotency;
using Squadra.Api.Realtime;
using Squadra.Contracts.DirectMessages;

namespace Squadra.Api.Features.DirectMessages;

/// <summary>
/// Direct messages: kept as teams whose members have the role 'dm' (0013_direct_messages.sql), so their chat is team
/// chat (Features/Chat, under <c>/api/dms/{dmId}/messages</c>). Here: creating one, and reading them.
/// </summary>
internal sealed class DmStore(Db db, Announcer announcer)
{
    /// <summary>A DM created, or the one these people already have (<see cref="Created"/> false).</summary>
    public sealed record Opened(DmDto Dm, bool Created);

    public static string DmLocation(string dmId) => $"/api/dms/{dmId}";

    private const string DmColumns = """
        t.id, t.message_seq AS LastMessageSeq, me.last_read_seq AS LastReadSeq,
        COALESCE((SELECT m.created_at FROM messages m WHERE m.team_id = t.id ORDER BY m.seq DESC LIMIT 1), t.created_at) AS LastActivityAt,
        t.created_at AS CreatedAt, me.muted
        """;

    public async Task<Outcome<Opened>> OpenAsync(Guid callerId, IReadOnlyList<Guid> others, IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<Opened>>(async (connection, transaction, token) =>
        {
            // Someone the caller shares no team with cannot be told apart from someone who does not exist.
            var strangers = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                """
                SELECT EXISTS (
                    SELECT 1 FROM unnest(@others) AS o(id)
                    WHERE NOT EXISTS (
                        SELECT 1 FROM team_members mine JOIN team_members theirs ON theirs.team_id = mine.team_id
                        WHERE mine.user_id = @callerId AND theirs.user_id = o.id AND mine.role <> 'dm' AND theirs.role <> 'dm'))
                """,
                new { callerId, others = others.ToArray() }, transaction, cancellationToken: token));
            if (strangers)
            {
                return new Refusal.NotFound("user");
            }
            Guid[] members = [callerId, .. others];
            var key = string.Join(',', members.Select(m => m.ToString()).Order(StringComparer.Ordinal));
            // Two people opening the same DM at once: the unique key makes the second wait for the first and find its DM.
            var created = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                """
                WITH dm AS (
                    INSERT INTO teams (id, name, created_by, dm_key) VALUES (@id, '', @callerId, @key)
                    ON CONFLICT (dm_key) DO NOTHING
                    RETURNING id
                ), joined AS (
                    INSERT INTO team_members (team_id, user_id, role) SELECT dm.id, m.id, 'dm' FROM dm, unnest(@members) AS m(id)
                )
                SELECT id FROM dm
                """,
                new { id = Guid.CreateVersion7(), callerId, key, members }, transaction, cancellationToken: token));
            var dmId = created ?? await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
                "SELECT id FROM teams WHERE dm_key = @key", new { key }, transaction, cancellationToken: token));
            if (created is not null)
            {
                announcer.AfterCommit(transaction, new MembershipChanged(dmId, members, []));
            }
            var dm = (await ReadAsync(connection, transaction, "me.user_id = @callerId AND t.id = @dmId", new { callerId, dmId }, token)).Single();
            var opened = new Opened(dm, Created: created is not null);
            await idempotency.RecordAsync(
                connection, transaction, opened.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, dm, DmLocation(dm.Id), token);
            return opened;
        }, ct);

    /// <summary>The user's DMs, the most recently active first.</summary>
    public async Task<IReadOnlyList<DmDto>> ListAsync(Guid userId, CancellationToken ct) =>
        await db.RunAsync((connection, token) => ReadAsync(connection, null, "me.user_id = @userId", new { userId }, token), ct);

    public async Task<DmDto?> GetAsync(Guid dmId, Guid userId, CancellationToken ct) =>
        (await db.RunAsync((connection, token) => ReadAsync(connection, null, "me.user_id = @userId AND t.id = @dmId", new { dmId, userId }, token), ct))
        .SingleOrDefault();

    /// <summary>DMs as one of their members (<c>me</c>) sees them, picked by <paramref name="filter"/>.</summary>
    private static async Task<IReadOnlyList<DmDto>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string filter, object parameters, CancellationToken ct)
    {
        var dms = (await connection.QueryAsync<DmRow>(new CommandDefinition(
            $"""
            SELECT {DmColumns}
            FROM teams t JOIN team_members me ON me.team_id = t.id AND me.role = 'dm'
            WHERE {filter}
            ORDER BY LastActivityAt DESC, t.id
            """,
            parameters, transaction, cancellationToken: ct))).AsList();
        var members = (await connection.QueryAsync<DmMemberRow>(new CommandDefinition(
            """
            SELECT x.team_id AS DmId, u.id AS UserId, u.username, u.display_name AS DisplayName
            FROM team_members x JOIN users u ON u.id = x.user_id
            WHERE x.team_id = ANY(@ids) AND x.role = 'dm'
            ORDER BY lower(u.display_name), u.username
            """,
            new { ids = dms.Select(d => d.Id).ToArray() }, transaction, cancellationToken: ct))).ToLookup(m => m.DmId, m => m.ToDto());
        return [.. dms.Select(d => d.ToDto(members[d.Id]))];
    }
}
