using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.ReadState;

/// <summary>How far each member has read a team's or DM's chat (<c>team_members.last_read_seq</c>), the same on all their devices.</summary>
internal sealed class ReadStateStore(Db db, Announcer announcer)
{
    /// <summary>
    /// Raises the caller's read state to <paramref name="seq"/>; one that is already there or further stays (devices
    /// reading at once never move it backwards: the row's lock orders them and the greater wins). Refused past the
    /// chat's newest message: no client can have read what does not exist.
    /// </summary>
    public async Task<Outcome<bool>> MarkReadAsync(Conversation conversation, Guid userId, long seq, CancellationToken ct)
    {
        var (newest, moved) = await db.RunAsync((connection, token) => connection.QuerySingleAsync<(long? Newest, bool Moved)>(new CommandDefinition(
            $"""
            WITH member AS (
                SELECT t.message_seq FROM team_members m JOIN teams t ON t.id = m.team_id
                WHERE m.team_id = @id AND m.user_id = @userId AND {conversation.MemberRole("m")}
            ), moved AS (
                UPDATE team_members SET last_read_seq = @seq
                WHERE team_id = @id AND user_id = @userId AND last_read_seq < @seq AND @seq <= (SELECT message_seq FROM member)
                RETURNING 1
            )
            SELECT (SELECT message_seq FROM member), EXISTS (SELECT 1 FROM moved)
            """,
            new { id = conversation.Id, userId, seq }, cancellationToken: token)), ct);
        if (newest is null)
        {
            return new Refusal.NotFound(conversation.Noun);
        }
        if (seq > newest)
        {
            return new Refusal.Invalid("seq", $"seq must be at most {newest}, the seq of the newest message.");
        }
        if (moved)
        {
            // One statement, committed once it returned.
            announcer.Announce(new ReadStateChanged(userId, conversation.Id, conversation.IsDm, seq));
        }
        return moved;
    }
}
