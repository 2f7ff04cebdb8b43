using Dapper;
using Npgsql;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// A team's change numbers (see 0011_message_changes.sql): every change to a message takes the team's next one, so a
/// client or replica that has seen change N catches up on edits, deletions and reactions with <c>changedAfter=N</c>.
/// </summary>
internal static class MessageChanges
{
    /// <summary>What a member changing a message learns: the change's number and the member's role.</summary>
    public sealed record Taken(long ChangeSeq, string Role);

    /// <summary>
    /// Takes the team's next change number for a member; null for a non-member or no such team. The team row stays
    /// locked until commit, so changes become visible in number order. Taken before the message row is locked: every
    /// writer of a team's messages locks the team first (a post takes its seq there), so no two wait on each other.
    /// </summary>
    public static Task<Taken?> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Conversation conversation, Guid userId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Taken>(new CommandDefinition(
            $"""
            UPDATE teams t SET change_seq = t.change_seq + 1
            FROM team_members x
            WHERE t.id = @teamId AND x.team_id = @teamId AND x.user_id = @userId AND {conversation.MemberRole("x")}
            RETURNING t.change_seq AS ChangeSeq, x.role
            """,
            new { teamId = conversation.Id, userId }, transaction, cancellationToken: ct));
}
