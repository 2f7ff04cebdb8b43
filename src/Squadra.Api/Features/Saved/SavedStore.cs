using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Api.Realtime;
using Squadra.Contracts.Saved;

namespace Squadra.Api.Features.Saved;

/// <summary>
/// The messages each person saved (0026_saved_messages.sql). Only messages of their current teams and DMs can be saved
/// and are listed: one who left a team keeps its rows, unseen, and finds them again on rejoining.
/// </summary>
internal sealed class SavedStore(Db db, ChatStore chat, Announcer announcer)
{
    private sealed record Change(bool Found, bool Deleted, bool WasSaved, int Count, bool Changed);

    private sealed record Listed(Guid MessageId, string? TeamName, DateTime SavedAt, DateTime? RemindAt);

    private sealed record ReminderChange(bool Found, bool Changed);

    /// <summary>
    /// Saves or unsaves a message of the conversation for the caller; true when that changed something (saving a saved
    /// message again changes nothing and tells no device, so a retried request is harmless). One statement: the
    /// message is the conversation's and the caller a member of it, or nothing is written.
    /// </summary>
    public async Task<Outcome<bool>> SetAsync(Conversation conversation, Guid userId, Guid messageId, bool saved, CancellationToken ct)
    {
        // The outer SELECT sees the rows as they were before this statement: WasSaved and Count are the state it found.
        // Two saves at the same instant may both pass the cap, which then counts one more: a cap, not an invariant.
        var change = await db.RunAsync((connection, token) => connection.QuerySingleAsync<Change>(new CommandDefinition(
            $"""
            WITH target AS (
                SELECT msg.id, msg.deleted FROM messages msg
                JOIN team_members m ON m.team_id = msg.team_id AND m.user_id = @userId AND {conversation.MemberRole("m")}
                WHERE msg.id = @messageId AND msg.team_id = @conversationId
            ), counted AS (
                SELECT count(*)::int AS n FROM saved_messages WHERE user_id = @userId
            ), inserted AS (
                INSERT INTO saved_messages (user_id, message_id)
                SELECT @userId, t.id FROM target t, counted c WHERE @saved AND NOT t.deleted AND c.n < @max
                ON CONFLICT DO NOTHING
                RETURNING 1
            ), removed AS (
                DELETE FROM saved_messages s USING target t
                WHERE NOT @saved AND s.user_id = @userId AND s.message_id = t.id
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM target) AS Found,
                   coalesce((SELECT deleted FROM target), false) AS Deleted,
                   EXISTS (SELECT 1 FROM saved_messages WHERE user_id = @userId AND message_id = @messageId) AS WasSaved,
                   (SELECT n FROM counted) AS Count,
                   EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM removed) AS Changed
            """,
            new { conversationId = conversation.Id, userId, messageId, saved, max = SavedRules.MaxPerUser }, cancellationToken: token)), ct);
        if (!change.Found)
        {
            return new Refusal.NotFound("message");
        }
        if (saved && !change.WasSaved && change.Deleted)
        {
            return new Refusal.Conflict("Message deleted", "A deleted message cannot be saved.");
        }
        if (saved && !change.WasSaved && change.Count >= SavedRules.MaxPerUser)
        {
            return new Refusal.Conflict("Too many saved messages", $"At most {SavedRules.MaxPerUser} messages stay saved: remove some first.");
        }
        if (change.Changed)
        {
            // One statement, committed once it returned.
            announcer.Announce(new MessageSaveChanged(userId, messageId, saved));
        }
        return change.Changed;
    }

    /// <summary>
    /// The caller's saved messages, the most recently saved first, before <paramref name="before"/> when given: those of
    /// their current teams and DMs, not deleted.
    /// </summary>
    public async Task<IReadOnlyList<SavedMessageDto>> ListAsync(Guid userId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        var listed = (await db.RunAsync((connection, token) => connection.QueryAsync<Listed>(new CommandDefinition(
            """
            SELECT s.message_id AS MessageId, CASE WHEN t.dm_key IS NULL THEN t.name END AS TeamName, s.saved_at AS SavedAt,
                   s.remind_at AS RemindAt
            FROM saved_messages s
            JOIN messages msg ON msg.id = s.message_id AND NOT msg.deleted
            JOIN team_members m ON m.team_id = msg.team_id AND m.user_id = s.user_id
            JOIN teams t ON t.id = msg.team_id
            WHERE s.user_id = @userId AND (@before::timestamptz IS NULL OR s.saved_at < @before)
            ORDER BY s.saved_at DESC, s.message_id DESC
            LIMIT @limit
            """,
            new { userId, before, limit }, cancellationToken: token)), ct)).AsList();
        var messages = (await chat.FindAsync([.. listed.Select(l => l.MessageId)], ct)).ToDictionary(m => m.Id);
        // A message deleted between the two reads is left out.
        return [.. listed
            .Where(l => messages.TryGetValue(l.MessageId.ToString(), out var message) && !message.Deleted)
            .Select(l => new SavedMessageDto(messages[l.MessageId.ToString()], l.TeamName, Instants.Utc(l.SavedAt))
            {
                RemindAt = l.RemindAt is { } remindAt ? Instants.Utc(remindAt) : null,
            })];
    }

    /// <summary>
    /// Sets (or with null removes) the reminder of a message the caller saved and can still see: one they saved, of a
    /// team or DM they are in, not deleted (what <see cref="ListAsync"/> lists), or 404. Setting what is set changes
    /// nothing and tells no device.
    /// </summary>
    public async Task<Outcome<bool>> SetReminderAsync(Guid userId, Guid messageId, DateTimeOffset? remindAt, CancellationToken ct)
    {
        var change = await db.RunAsync((connection, token) => connection.QuerySingleAsync<ReminderChange>(new CommandDefinition(
            """
            WITH target AS (
                SELECT s.user_id, s.message_id FROM saved_messages s
                JOIN messages msg ON msg.id = s.message_id AND NOT msg.deleted
                JOIN team_members m ON m.team_id = msg.team_id AND m.user_id = s.user_id
                WHERE s.user_id = @userId AND s.message_id = @messageId
            ), updated AS (
                UPDATE saved_messages s SET remind_at = @remindAt::timestamptz
                FROM target t
                WHERE s.user_id = t.user_id AND s.message_id = t.message_id AND s.remind_at IS DISTINCT FROM @remindAt::timestamptz
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM target) AS Found, EXISTS (SELECT 1 FROM updated) AS Changed
            """,
            new { userId, messageId, remindAt = remindAt?.UtcDateTime }, cancellationToken: token)), ct);
        if (!change.Found)
        {
            return new Refusal.NotFound("saved message");
        }
        if (change.Changed)
        {
            announcer.Announce(new MessageSaveChanged(userId, messageId, Saved: true, remindAt));
        }
        return change.Changed;
    }

    /// <summary>The ids of every message the caller saved, newest first: what a device marks as saved in the chats.</summary>
    public async Task<IReadOnlyList<string>> IdsAsync(Guid userId, CancellationToken ct) =>
        [.. (await db.RunAsync((connection, token) => connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT message_id FROM saved_messages WHERE user_id = @userId ORDER BY saved_at DESC",
            new { userId }, cancellationToken: token)), ct)).Select(id => id.ToString())];
}
