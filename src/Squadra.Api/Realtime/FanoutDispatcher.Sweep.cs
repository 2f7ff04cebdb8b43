using Dapper;

namespace Squadra.Api.Realtime;

/// <summary>
/// The sweep: announcements are hints, sent after the commit, so a replica killed in between leaves a commit that
/// nobody announced. Every sweep interval one query reads the current seq of every team and user with a connection
/// here; whatever is past the cursor is read and pushed as a late announcement would have been. Memberships are
/// reconciled the same way, with one more query.
/// </summary>
internal sealed partial class FanoutDispatcher
{
    private async Task SweepAsync(CancellationToken ct)
    {
        // A membership change nobody announced first: the connections join their team's group (and its cursor).
        await ReconcileMembershipsAsync(ct);
        var teams = registry.TeamMessageCursors().Where(t => t.LastSeq is not null).ToDictionary(t => t.TeamId, t => t.LastSeq!.Value);
        var users = registry.NotificationCursors().ToDictionary(u => u.UserId, u => u.LastSeq);
        if (teams.Count == 0 && users.Count == 0)
        {
            return;
        }
        var stored = await db.RunAsync((connection, token) => connection.QueryAsync<(bool IsTeam, Guid Id, long Seq)>(new CommandDefinition(
            """
            SELECT true, id, message_seq FROM teams WHERE id = ANY(@teamIds)
            UNION ALL
            SELECT false, id, notification_seq FROM users WHERE id = ANY(@userIds)
            """,
            new { teamIds = teams.Keys.ToArray(), userIds = users.Keys.ToArray() }, cancellationToken: token)), ct);

        var behindTeams = stored.Where(s => s.IsTeam && teams.TryGetValue(s.Id, out var last) && s.Seq > last).Select(s => s.Id).ToArray();
        if (behindTeams.Length > 0)
        {
            s_swept.WithLabels("messages").Inc(behindTeams.Length);
            await PushMessagesAfterAsync(behindTeams, [.. behindTeams.Select(t => registry.TeamMessageCursor(t) ?? teams[t])], ct);
        }
        var behindUsers = stored.Where(s => !s.IsTeam && users.TryGetValue(s.Id, out var last) && s.Seq > last).Select(s => s.Id).ToArray();
        if (behindUsers.Length > 0)
        {
            s_swept.WithLabels("notifications").Inc(behindUsers.Length);
            await PushNotificationsAsync(behindUsers, ct);
        }
    }
}
