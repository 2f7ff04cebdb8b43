using Dapper;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Data;
using Squadra.Api.Realtime;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.Notifications;

/// <summary>
/// Pushes each connected user's notifications to their group on this replica, in seq order, each once: everything
/// after the user's cursor (the last seq pushed), so a hole left by a missed announcement is read with the next one.
/// </summary>
internal sealed class NotificationFanout(Db db, NotificationStore notifications, ConnectionRegistry registry, IHubContext<RealtimeHub> hub)
    : IFanoutHandler<NotificationsCommitted>, IFanoutRecovery, IConnectionObserver
{
    // Connected users only. Written by the dispatcher's task (pushes, rewinds) and by connections opening and
    // closing; _lock keeps "forget the user" from racing with a new connection of theirs.
    private readonly Dictionary<Guid, long> _cursors = [];
    private readonly Lock _lock = new();

    public Task HandleAsync(NotificationsCommitted committed, CancellationToken ct) => PushAsync([.. committed.UserIds.Distinct()], ct);

    public async Task OnConnectedAsync(Guid userId, string connectionId, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_cursors.ContainsKey(userId))
            {
                return;
            }
        }
        var seq = await db.RunAsync((connection, token) => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT notification_seq FROM users WHERE id = @userId", new { userId }, cancellationToken: token)), ct);
        lock (_lock)
        {
            _cursors.TryAdd(userId, seq);
        }
    }

    public void OnUserGone(Guid userId)
    {
        lock (_lock)
        {
            // The registry adds a connection before its observers run: a user connected again since is kept.
            if (!registry.IsConnected(userId))
            {
                _cursors.Remove(userId);
            }
        }
    }

    /// <summary>
    /// A user's notification seq can go back when a failover discards commits that were only local (a postmaster
    /// crash): the next notification takes a seq already pushed, and must be pushed all the same.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var users = Cursors().Select(c => c.UserId).ToArray();
        if (users.Length == 0)
        {
            return;
        }
        foreach (var (userId, seq) in await StoredSeqsAsync(users, ct))
        {
            lock (_lock)
            {
                if (_cursors.TryGetValue(userId, out var last) && seq < last)
                {
                    _cursors[userId] = seq;
                }
            }
        }
        await PushAsync(users, ct);
    }

    /// <summary>One query for the current seq of every connected user; whoever is behind gets what was never announced.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var users = Cursors().ToDictionary(c => c.UserId, c => c.LastSeq);
        if (users.Count == 0)
        {
            return;
        }
        var behind = (await StoredSeqsAsync([.. users.Keys], ct)).Where(s => s.Seq > users[s.UserId]).Select(s => s.UserId).ToArray();
        if (behind.Length > 0)
        {
            FanoutMetrics.Swept.WithLabels("notifications").Inc(behind.Length);
            await PushAsync(behind, ct);
        }
    }

    /// <summary>Everything after each of these users' cursors: the new notifications and any hole before them.</summary>
    private async Task PushAsync(Guid[] users, CancellationToken ct)
    {
        var cursors = Cursors().Where(c => users.Contains(c.UserId)).ToList();
        if (cursors.Count == 0)
        {
            return;
        }
        var rows = await notifications.FetchAfterAsync([.. cursors.Select(c => c.UserId)], [.. cursors.Select(c => c.LastSeq)], ct);
        foreach (var row in rows)
        {
            if (TryAdvance(row.UserId, row.Seq))
            {
                await hub.Clients.Group(HubGroups.User(row.UserId)).SendAsync(RealtimeMethods.Notification, row.ToDto(), ct);
                FanoutMetrics.Pushed.WithLabels("notification").Inc();
            }
        }
    }

    private List<(Guid UserId, long LastSeq)> Cursors()
    {
        lock (_lock)
        {
            return [.. _cursors.Select(c => (c.Key, c.Value))];
        }
    }

    /// <summary>Records a push; false when that seq was pushed already (live delivery and catch-up overlap) or the user is gone.</summary>
    private bool TryAdvance(Guid userId, long seq)
    {
        lock (_lock)
        {
            if (!_cursors.TryGetValue(userId, out var last) || seq <= last)
            {
                return false;
            }
            _cursors[userId] = seq;
            return true;
        }
    }

    private ValueTask<IEnumerable<(Guid UserId, long Seq)>> StoredSeqsAsync(Guid[] users, CancellationToken ct) =>
        db.RunAsync((connection, token) => connection.QueryAsync<(Guid UserId, long Seq)>(new CommandDefinition(
            "SELECT id, notification_seq FROM users WHERE id = ANY(@users)", new { users }, cancellationToken: token)), ct);
}
