using System.Collections.Concurrent;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Prometheus;
using Squadra.Api.Data;
using Squadra.Api.Features.Teams;
using Squadra.Api.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// Pushes each team's messages to this replica's connections in the team, strictly in seq order, each once. The
/// dispatcher's one task calls it, in commit order. A message that would leave a hole (its announcement heard
/// before the one ahead of it, or one lost) first has the missing rows read from the database. After a LISTEN
/// reconnect, what was pushed lately is checked against the database too (<see cref="PushedMessageLog"/>): a
/// seq now held by another message is pushed again as <c>messageUpdated</c>, and a seq the database no longer has
/// is pushed anew when it is reused.
/// </summary>
internal sealed partial class ChatFanout(
    Db db,
    ChatStore chat,
    ConnectionRegistry registry,
    FanoutQueue queue,
    IHubContext<RealtimeHub> hub)
    : IFanoutHandler<MessageCommitted>, IFanoutHandler<HoleWaitOver>, IFanoutHandler<MembershipChanged>, IFanoutRecovery, IConnectionObserver
{
    // Each replica announces its own commits, so seq N+1 (committed through one replica) may be heard before
    // seq N (through the other). Such a message waits here this long for the one before it; only then is the
    // hole read from the database, off the common path. Touched by the dispatcher's one task only.
    private static readonly TimeSpan s_holeWait = TimeSpan.FromMilliseconds(150);
    private readonly Dictionary<Guid, SortedDictionary<long, MessageDto>> _early = [];

    // The last seq pushed for each team some local connection is (or was) in; unknown until the first connection.
    private readonly ConcurrentDictionary<Guid, long> _cursors = new();
    private readonly PushedMessageLog _pushed = new();
    private readonly PushedChanges _changes = new();

    private static readonly Counter s_discardedPushes = Metrics.CreateCounter(
        "squadra_realtime_discarded_pushes_total", "Pushed messages found replaced or gone after a LISTEN reconnect (commits a failover discarded).");

    public async Task HandleAsync(MessageCommitted committed, CancellationToken ct)
    {
        if (committed.Updated)
        {
            var updated = committed.Message ?? await chat.FindAsync(committed.TeamId, committed.Seq, ct);
            if (updated is not null)
            {
                await SendUpdatedAsync(updated, ct);
            }
            return;
        }

        var cursor = Cursor(committed.TeamId);
        if (cursor is { } last && committed.Seq <= last)
        {
            return;
        }
        if (committed.Message is { } message && (cursor is null || committed.Seq == cursor + 1))
        {
            await SendAsync(message, ct);
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
        await PushAfterAsync([committed.TeamId], [cursor ?? committed.Seq - 1], ct);
        await SendWaitingAsync(committed.TeamId, ct);
    }

    /// <summary>The missing announcement did not come in time (lost, or its replica died): the database has the hole.</summary>
    public async Task HandleAsync(HoleWaitOver over, CancellationToken ct)
    {
        if (!_early.Remove(over.TeamId, out var waiting) || Cursor(over.TeamId) is not { } cursor || waiting.Keys.Max() <= cursor)
        {
            return;
        }
        await PushAfterAsync([over.TeamId], [cursor], ct);
    }

    /// <summary>A local user joined a team nobody here was in: from now on its messages are counted from the current seq.</summary>
    public async Task HandleAsync(MembershipChanged changed, CancellationToken ct)
    {
        if (changed.Joined.Any(registry.IsConnected) && Cursor(changed.TeamId) is null)
        {
            await LearnCursorsAsync([changed.TeamId], ct);
        }
    }

    /// <summary>The teams of a new connection (joined by the Teams feature, which observes connections first) get a cursor.</summary>
    public async Task OnConnectedAsync(Guid userId, string connectionId, CancellationToken ct)
    {
        var unknown = registry.TeamsOf(userId).Where(t => Cursor(t) is null).ToArray();
        if (unknown.Length > 0)
        {
            await LearnCursorsAsync(unknown, ct);
        }
    }

    public void OnUserGone(Guid userId)
    {
        // A team's cursor stays: another user here may be in it, and one who comes back needs no new read.
    }

    private long? Cursor(Guid teamId) => _cursors.TryGetValue(teamId, out var seq) ? seq : null;

    private async Task LearnCursorsAsync(Guid[] teamIds, CancellationToken ct)
    {
        foreach (var (teamId, seq, changeSeq) in await CountersAsync(teamIds, ct))
        {
            _changes.Learn(teamId, changeSeq);
            _cursors.TryAdd(teamId, seq);
        }
    }

    /// <summary>Sends the early messages the cursor has reached; forgets those it has passed.</summary>
    private async Task SendWaitingAsync(Guid teamId, CancellationToken ct)
    {
        if (!_early.TryGetValue(teamId, out var waiting))
        {
            return;
        }
        while (waiting.Count > 0 && Cursor(teamId) is { } cursor && waiting.First() is var (seq, message) && seq <= cursor + 1)
        {
            waiting.Remove(seq);
            await SendAsync(message, ct);
        }
        if (waiting.Count == 0)
        {
            _early.Remove(teamId);
        }
    }

    private async Task PushAfterAsync(Guid[] teamIds, long[] afterSeqs, CancellationToken ct)
    {
        if (teamIds.Length == 0)
        {
            return;
        }
        foreach (var message in await chat.AfterAsync(teamIds, afterSeqs, ct))
        {
            await SendAsync(message, ct);
        }
    }

    private async Task SendAsync(MessageDto message, CancellationToken ct)
    {
        var teamId = Guid.Parse(message.ConversationId);
        if (Cursor(teamId) is { } last && message.Seq <= last)
        {
            return;
        }
        // Only the dispatcher's one task advances a cursor, so a plain max is enough.
        _cursors.AddOrUpdate(teamId, message.Seq, (_, previous) => Math.Max(previous, message.Seq));
        _pushed.Record(teamId, message.Seq, message.Id);
        _changes.Record(teamId, message);
        await hub.Clients.Group(HubGroups.Team(teamId)).SendAsync(RealtimeMethods.Message, message, ct);
        FanoutMetrics.Pushed.WithLabels("message").Inc();
    }

    private async Task SendUpdatedAsync(MessageDto message, CancellationToken ct)
    {
        var teamId = Guid.Parse(message.ConversationId);
        _changes.Record(teamId, message);
        await hub.Clients.Group(HubGroups.Team(teamId)).SendAsync(RealtimeMethods.MessageUpdated, message, ct);
        FanoutMetrics.Pushed.WithLabels("messageUpdated").Inc();
    }

    /// <summary>The teams' current seq and change counters.</summary>
    private async Task<IEnumerable<(Guid TeamId, long Seq, long ChangeSeq)>> CountersAsync(Guid[] teamIds, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QueryAsync<(Guid, long, long)>(new CommandDefinition(
            "SELECT id, message_seq, change_seq FROM teams WHERE id = ANY(@teamIds)", new { teamIds }, cancellationToken: token)), ct);
}
