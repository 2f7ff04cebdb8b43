using Dapper;
using Npgsql;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// A chat's pinned messages (0028_message_pins.sql). The caller has taken the team's change number, so the team row is
/// locked until commit: pins of one chat are written one at a time across replicas and the cap of
/// <see cref="PinRules.MaxPerChat"/> holds. Pinning and unpinning count in the message's revision, as an edit does.
/// </summary>
internal static class MessagePins
{
    public enum Change { Made, AlreadySo, Full }

    /// <summary>Pins the message (by <paramref name="userId"/>, now) or unpins it; what is already so is left as it is.</summary>
    public static async Task<Change> SetAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, Guid userId, bool pinned, CancellationToken ct)
    {
        // Run under the team row's lock: this statement's snapshot sees every pin committed before, so two members
        // pinning the 50th and 51st message cannot both pass the count.
        var (changed, allowed) = await connection.QuerySingleAsync<(long Changed, bool Allowed)>(new CommandDefinition(
            """
            WITH room AS (
                SELECT NOT @pinned OR count(*) < @max OR COALESCE(bool_or(id = @messageId), false) AS allowed FROM messages WHERE team_id = @teamId AND pinned_at IS NOT NULL
            ), changed AS (
                UPDATE messages
                SET pinned_at = CASE WHEN @pinned THEN now() END,
                    pinned_by = CASE WHEN @pinned THEN @userId END,
                    revision = revision + 1
                WHERE id = @messageId AND team_id = @teamId AND (pinned_at IS NOT NULL) <> @pinned AND (SELECT allowed FROM room)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM changed), allowed FROM room
            """,
            new { teamId, messageId, userId, pinned, max = PinRules.MaxPerChat }, transaction, cancellationToken: ct));
        return changed > 0 ? Change.Made : allowed ? Change.AlreadySo : Change.Full;
    }

    /// <summary>The chat's pinned messages, the most recently pinned first; empty for a non-member (the caller tells).</summary>
    public static async Task<IReadOnlyList<MessageRow>> ListAsync(NpgsqlConnection connection, Conversation conversation, Guid userId, CancellationToken ct) =>
        [.. await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            {MessageRow.Select}
            WHERE m.team_id = @teamId AND m.pinned_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @userId AND {conversation.MemberRole("x")})
            ORDER BY m.pinned_at DESC, m.seq DESC
            """,
            new { teamId = conversation.Id, userId }, cancellationToken: ct))];
}
