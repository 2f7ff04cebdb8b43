using Dapper;
using Microsoft.AspNetCore.SignalR;
using Prometheus;
using Squadra.Api.Data;
using Squadra.Api.Features.Chat;
using Squadra.Api.Features.Events;
using Squadra.Api.Features.Notifications;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Realtime;

/// <summary>
/// Turns fan-out events into pushes to this replica's own hub connections. One task calls it, in
/// commit order. Each user's notifications and each team's messages are pushed strictly in seq
/// order: an event that would leave a hole (a NOTIFY lost while the LISTEN connection was down)
/// first has the missing rows read from the database. After a LISTEN reconnect, what was pushed lately is
/// checked against the database too (<see cref="PushedMessageLog"/>): a seq now held by another message is
/// pushed again as <c>messageUpdated</c>, and a seq the database no longer has is pushed anew when it is reused.
/// </summary>
internal sealed partial class FanoutDispatcher(
    Db db,
    NotificationStore notifications,
    ChatStore chat,
    EventStore events,
    ConnectionRegistry registry,
    PushedMessageLog pushedMessages,
    FanoutQueue queue,
    IHubContext<RealtimeHub> hub)
{
    // Each replica announces its own commits, so seq N+1 (committed through one replica) may be heard before
    // seq N (through the other). Such a message waits here this long for the one before it; only then is the
    // hole read from the database, off the common path. Touched by the dispatcher's one task only.
    private static readonly TimeSpan s_holeWait = TimeSpan.FromMilliseconds(150);
    private readonly Dictionary<Guid, SortedDictionary<long, MessageDto>> _early = [];

    private static readonly Counter s_pushed = Metrics.CreateCounter(
        "squadra_realtime_pushes_total", "Items pushed to this replica's hub groups (each reaches every local connection of the group), by kind.", "kind");
    private static readonly Counter s_swept = Metrics.CreateCounter(
        "squadra_fanout_swept_total", "Teams (messages) or users (notifications) the sweep found behind the database: commits nobody announced in time.", "kind");
    private static readonly Counter s_discardedPushes = Metrics.CreateCounter(
        "squadra_realtime_discarded_pushes_total", "Pushed messages found replaced or gone after a LISTEN reconnect (commits a failover discarded).");

    public Task DispatchAsync(FanoutEvent fanoutEvent, CancellationToken ct) => fanoutEvent switch
    {
        NotificationsCommitted committed => PushNotificationsAsync(committed.UserIds.Where(registry.IsConnected).Distinct().ToArray(), ct),
        MessageCommitted committed => PushMessageAsync(committed, ct),
        MembershipChanged changed => MoveConnectionsAsync(changed, ct),
        EventChanged changed => PushEventAsync(changed, ct),
        CatchUpRequested => CatchUpAsync(ct),
        SweepRequested => SweepAsync(ct),
        HoleWaitOver over => FillHoleAsync(over.TeamId, ct),
        _ => Task.CompletedTask,
    };

    /// <summary>Everything after each local user's cursor: the new notifications and any hole before them.</summary>
    private async Task PushNotificationsAsync(Guid[] users, CancellationToken ct)
    {
        var cursors = registry.NotificationCursors().Where(c => users.Contains(c.UserId)).ToList();
        if (cursors.Count == 0)
        {
            return;
        }
        var rows = await notifications.FetchAfterAsync([.. cursors.Select(c => c.UserId)], [.. cursors.Select(c => c.LastSeq)], ct);
        foreach (var row in rows)
        {
            if (registry.TryAdvanceNotificationSeq(row.UserId, row.Seq))
            {
                await hub.Clients.Group(HubGroups.User(row.UserId)).SendAsync(RealtimeMethods.Notification, row.ToDto(), ct);
                s_pushed.WithLabels("notification").Inc();
            }
        }
    }

    private async Task PushMessageAsync(MessageCommitted committed, CancellationToken ct)
    {
        if (committed.Updated)
        {
            var updated = committed.Message ?? await chat.FindAsync(committed.TeamId, committed.Seq, ct);
            if (updated is not null)
            {
                await hub.Clients.Group(HubGroups.Team(committed.TeamId)).SendAsync(RealtimeMethods.MessageUpdated, updated, ct);
                s_pushed.WithLabels("messageUpdated").Inc();
            }
            return;
        }

        var cursor = registry.TeamMessageCursor(committed.TeamId);
        if (cursor is { } last && committed.Seq <= last)
        {
            return;
        }
        if (committed.Message is { } message && (cursor is null || committed.Seq == cursor + 1))
        {
            await SendMessageAsync(message, ct);
            await SendWaitingAsync(committed.TeamId, ct);
            return;
        }
        if (committed.Message is { } early)
        {
            if (!_early.TryGetValue(committed.TeamId, out var waiting))
            {
                _early[committed.TeamId] = waiting = [];
                queue.EnqueueAfter(s_holeWait, new HoleWaitOver(committed.TeamId));
            }
            waiting[early.Seq] = early;
            return;
        }
        await PushMessagesAfterAsync([committed.TeamId], [cursor ?? committed.Seq - 1], ct);
        await SendWaitingAsync(committed.TeamId, ct);
    }

    /// <summary>Sends the early messages the cursor has reached; forgets those it has passed.</summary>
    private async Task SendWaitingAsync(Guid teamId, CancellationToken ct)
    {
        if (!_early.TryGetValue(teamId, out var waiting))
        {
            return;
        }
        while (waiting.Count > 0 && registry.TeamMessageCursor(teamId) is { } cursor && waiting.First() is var (seq, message) && seq <= cursor + 1)
        {
            waiting.Remove(seq);
            await SendMessageAsync(message, ct);
        }
        if (waiting.Count == 0)
        {
            _early.Remove(teamId);
        }
    }

    /// <summary>The missing announcement did not come in time (lost, or its replica died): the database has the hole.</summary>
    private async Task FillHoleAsync(Guid teamId, CancellationToken ct)
    {
        if (!_early.Remove(teamId, out var waiting) || registry.TeamMessageCursor(teamId) is not { } cursor || waiting.Keys.Max() <= cursor)
        {
            return;
        }
        await PushMessagesAfterAsync([teamId], [cursor], ct);
    }

    private async Task PushMessagesAfterAsync(Guid[] teamIds, long[] afterSeqs, CancellationToken ct)
    {
        if (teamIds.Length == 0)
        {
            return;
        }
        foreach (var message in await chat.AfterAsync(teamIds, afterSeqs, ct))
        {
            await SendMessageAsync(message, ct);
        }
    }

    private async Task SendMessageAsync(MessageDto message, CancellationToken ct)
    {
        var teamId = Guid.Parse(message.TeamId);
        if (registry.TeamMessageCursor(teamId) is { } last && message.Seq <= last)
        {
            return;
        }
        registry.AdvanceTeamMessageCursor(teamId, message.Seq);
        pushedMessages.Record(teamId, message.Seq, message.Id);
        await hub.Clients.Group(HubGroups.Team(teamId)).SendAsync(RealtimeMethods.Message, message, ct);
        s_pushed.WithLabels("message").Inc();
    }

    private async Task PushEventAsync(EventChanged changed, CancellationToken ct)
    {
        if (await events.FindForEveryoneAsync(changed.TeamId, changed.EventId, ct) is { } teamEvent)
        {
            await hub.Clients.Group(HubGroups.Team(changed.TeamId)).SendAsync(RealtimeMethods.EventChanged, teamEvent, ct);
            s_pushed.WithLabels("eventChanged").Inc();
        }
    }

    private async Task MoveConnectionsAsync(MembershipChanged changed, CancellationToken ct)
    {
        if (changed.Joined.Any(registry.IsConnected) && registry.TeamMessageCursor(changed.TeamId) is null)
        {
            var seq = await db.RunAsync((connection, token) => connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT message_seq FROM teams WHERE id = @TeamId", new { changed.TeamId }, cancellationToken: token)), ct);
            registry.SetTeamMessageCursorIfUnknown(changed.TeamId, seq ?? 0);
        }
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
