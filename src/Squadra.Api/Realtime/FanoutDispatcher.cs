using Dapper;
using Microsoft.AspNetCore.SignalR;
using Prometheus;
using Squadra.Api.Data;
using Squadra.Api.Features.Notifications;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Realtime;

/// <summary>Turns fan-out events into pushes to this replica's own hub connections.</summary>
internal sealed class FanoutDispatcher(
    Db db,
    NotificationStore notifications,
    ConnectionRegistry registry,
    IHubContext<RealtimeHub> hub)
{
    private static readonly Counter s_pushed = Metrics.CreateCounter(
        "squadra_realtime_pushes_total", "Items pushed to this replica's hub groups, by kind.", "kind");

    public Task DispatchAsync(FanoutEvent fanoutEvent, CancellationToken ct) => fanoutEvent switch
    {
        NotificationsCommitted committed => PushNotificationsAsync(committed, ct),
        MembershipChanged changed => MoveConnectionsAsync(changed, ct),
        _ => Task.CompletedTask,
    };

    /// <summary>After a deaf spell: push every notification newer than each user's cursor and resynchronise team groups.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var cursors = registry.NotificationCursors();
        if (cursors.Count == 0)
        {
            return;
        }
        var rows = await notifications.FetchAfterAsync([.. cursors.Select(c => c.UserId)], [.. cursors.Select(c => c.LastSeq)], ct);
        await PushAsync(rows, ct);

        var users = cursors.Select(c => c.UserId).ToArray();
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

    private async Task PushNotificationsAsync(NotificationsCommitted committed, CancellationToken ct)
    {
        var local = committed.UserIds.Zip(committed.Seqs).Where(pair => registry.IsConnected(pair.First)).ToList();
        if (local.Count == 0)
        {
            return;
        }
        var rows = await notifications.FetchAsync([.. local.Select(p => p.First)], [.. local.Select(p => p.Second)], ct);
        await PushAsync(rows, ct);
    }

    private async Task PushAsync(IReadOnlyList<NotificationRow> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            if (registry.TryAdvanceNotificationSeq(row.UserId, row.Seq))
            {
                await hub.Clients.Group(HubGroups.User(row.UserId)).SendAsync(RealtimeMethods.Notification, row.ToDto(), ct);
                s_pushed.WithLabels("notification").Inc();
            }
        }
    }

    private async Task MoveConnectionsAsync(MembershipChanged changed, CancellationToken ct)
    {
        foreach (var user in changed.Joined)
        {
            await MoveAsync(user, changed.TeamId, member: true, ct);
        }
        foreach (var user in changed.Left)
        {
            await MoveAsync(user, changed.TeamId, member: false, ct);
        }
    }

    private async Task MoveAsync(Guid userId, Guid teamId, bool member, CancellationToken ct)
    {
        foreach (var connectionId in registry.SetMembership(userId, teamId, member))
        {
            if (member)
            {
                await hub.Groups.AddToGroupAsync(connectionId, HubGroups.Team(teamId), ct);
            }
            else
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, HubGroups.Team(teamId), ct);
            }
        }
    }
}
