using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Muting;

/// <summary>Which chats each member muted (<c>team_members.muted</c>), the same on all their devices.</summary>
internal sealed class MutingStore(Db db, Announcer announcer)
{
    /// <summary>
    /// Mutes or unmutes the caller's chat; true when that changed something (muting a muted chat again changes nothing
    /// and tells no device, so a retried request is harmless).
    /// </summary>
    public async Task<Outcome<bool>> SetAsync(Conversation conversation, Guid userId, bool muted, CancellationToken ct)
    {
        var (member, changed) = await db.RunAsync((connection, token) => connection.QuerySingleAsync<(bool Member, bool Changed)>(new CommandDefinition(
            $"""
            WITH member AS (
                SELECT 1 FROM team_members m WHERE m.team_id = @id AND m.user_id = @userId AND {conversation.MemberRole("m")}
            ), changed AS (
                UPDATE team_members SET muted = @muted
                WHERE team_id = @id AND user_id = @userId AND muted <> @muted AND EXISTS (SELECT 1 FROM member)
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM member), EXISTS (SELECT 1 FROM changed)
            """,
            new { id = conversation.Id, userId, muted }, cancellationToken: token)), ct);
        if (!member)
        {
            return new Refusal.NotFound(conversation.Noun);
        }
        if (changed)
        {
            // One statement, committed once it returned.
            announcer.Announce(new ChatMuteChanged(userId, conversation.Id, conversation.IsDm, muted));
        }
        return changed;
    }
}
