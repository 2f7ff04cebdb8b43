using Dapper;
using Microsoft.AspNetCore.SignalR;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Realtime;

/// <summary>Catching up after the LISTEN connection came back: what was missed, and what was pushed wrongly.</summary>
internal sealed partial class FanoutDispatcher
{
    private async Task CatchUpAsync(CancellationToken ct)
    {
        await RewindDiscardedNotificationsAsync(ct);
        await PushNotificationsAsync([.. registry.NotificationCursors().Select(c => c.UserId)], ct);

        await VerifyPushedAndCatchUpMessagesAsync(ct);
        await ReconcileMembershipsAsync(ct);
    }

    /// <summary>Moves local connections into the groups of the teams their users are members of now, and out of the others.</summary>
    private async Task ReconcileMembershipsAsync(CancellationToken ct)
    {
        var users = registry.ConnectedUsers().ToArray();
        if (users.Length == 0)
        {
            return;
        }
        var memberships = await db.RunAsync((connection, token) => connection.QueryAsync<(Guid UserId, Guid TeamId)>(new CommandDefinition(
            "SELECT user_id, team_id FROM team_members WHERE user_id = ANY(@users)", new { users }, cancellationToken: token)), ct);
        var actual = memberships.ToLookup(m => m.UserId, m => m.TeamId);
        foreach (var user in users)
        {
            var known = registry.TeamsOf(user);
            foreach (var joined in actual[user].Except(known))
            {
                await MoveAsync(user, joined, member: true, ct);
            }
            foreach (var left in known.Except(actual[user]))
            {
                await MoveAsync(user, left, member: false, ct);
            }
        }
    }

    /// <summary>
    /// A user's notification seq can go back when a failover discards commits that were only local (a postmaster
    /// crash): the next notification takes a seq already pushed, and must be pushed all the same.
    /// </summary>
    private async Task RewindDiscardedNotificationsAsync(CancellationToken ct)
    {
        var users = registry.NotificationCursors().Select(c => c.UserId).ToArray();
        if (users.Length == 0)
        {
            return;
        }
        var stored = await db.RunAsync((connection, token) => connection.QueryAsync<(Guid UserId, long Seq)>(new CommandDefinition(
            "SELECT id, notification_seq FROM users WHERE id = ANY(@users)", new { users }, cancellationToken: token)), ct);
        foreach (var (userId, seq) in stored)
        {
            registry.RewindNotificationSeq(userId, seq);
        }
    }

    private async Task VerifyPushedAndCatchUpMessagesAsync(CancellationToken ct)
    {
        var teams = registry.TeamMessageCursors().Where(t => t.LastSeq is not null).Select(t => (t.TeamId, Last: t.LastSeq!.Value)).ToList();
        pushedMessages.Retain(teams.Select(t => t.TeamId).ToHashSet());
        if (teams.Count == 0)
        {
            return;
        }
        var stored = (await chat.AfterAsync(
                [.. teams.Select(t => t.TeamId)], [.. teams.Select(t => Math.Max(0, t.Last - PushedMessageLog.Window))], ct))
            .ToLookup(m => Guid.Parse(m.TeamId));
        foreach (var (teamId, last) in teams)
        {
            var now = stored[teamId].ToDictionary(m => m.Seq);
            foreach (var (seq, pushedId) in pushedMessages.Recent(teamId).Where(p => p.Seq > last - PushedMessageLog.Window))
            {
                if (!now.TryGetValue(seq, out var message))
                {
                    // Seqs have no gaps: this one and every later one are gone; whoever takes them next is pushed as new.
                    registry.RewindTeamMessageCursor(teamId, seq - 1);
                    pushedMessages.ForgetFrom(teamId, seq);
                    s_discardedPushes.Inc();
                    break;
                }
                if (message.Id != pushedId)
                {
                    pushedMessages.Record(teamId, seq, message.Id);
                    await hub.Clients.Group(HubGroups.Team(teamId)).SendAsync(RealtimeMethods.MessageUpdated, message, ct);
                    s_discardedPushes.Inc();
                }
            }
            var cursor = registry.TeamMessageCursor(teamId) ?? last;
            foreach (var message in stored[teamId].Where(m => m.Seq > cursor))
            {
                await SendMessageAsync(message, ct);
            }
        }
    }
}
