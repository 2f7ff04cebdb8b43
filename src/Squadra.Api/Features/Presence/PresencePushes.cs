using Dapper;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Data;
using Squadra.Api.Realtime;
using Squadra.Contracts.Presence;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.Presence;

/// <summary>
/// Tells this replica's connections of the users who share a team or DM with someone that they came online or went
/// offline: at most one push per connection and <see cref="Window"/>, naming every change it concerns since the last,
/// whatever the number of teams shared, and no look at anyone else. Connections concerned by the same changes (a team's
/// members, mostly) get one send. Everything here runs beside the fan-out dispatcher, never in its way: the reads of
/// remote users' teams and the "last seen" writes (before the push that says so, so that an answer of GET
/// /api/presence agrees with it) would otherwise hold every message behind them.
/// </summary>
internal sealed class PresencePushes
{
    /// <summary>
    /// A team where people come and go every few seconds costs each member one push a second, not one per change
    /// (issue 19 item 4); a dot a second late is not noticed.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Db _db;
    private readonly LastSeenStore _lastSeen;
    private readonly ConnectionRegistry _registry;
    private readonly IHubContext<RealtimeHub> _hub;
    private readonly ILogger<PresencePushes> _logger;
    // One window for the whole replica: the changes of all teams go out together.
    private const bool WholeReplica = true;

    private readonly PushWindows<bool, Change> _window;
    // One send at a time, in the order the window let them go: a first send held up by the database (a "last seen"
    // write waiting on a row lock, say) must not tell "offline" after a later send has told "online".
    private readonly Lock _order = new();
    private Task _lastSend = Task.CompletedTask;

    public PresencePushes(Db db, LastSeenStore lastSeen, ConnectionRegistry registry, IHubContext<RealtimeHub> hub, TimeProvider clock, ILogger<PresencePushes> logger)
    {
        (_db, _lastSeen, _registry, _hub, _logger) = (db, lastSeen, registry, hub, logger);
        _window = new PushWindows<bool, Change>(Window, c => c.UserId, SendInOrder, clock);
    }

    /// <summary>
    /// Queues the changes (now, or at the end of the window) and returns. <paramref name="record"/>: this replica writes
    /// when they went offline (<c>users.last_seen_at</c>) before it pushes. A user back online within the window has
    /// their "offline" replaced, write included: nobody is shown the "last seen" of someone online, and their next
    /// going offline writes it.
    /// </summary>
    public void Send(IReadOnlyList<(Guid UserId, DateTimeOffset? LastSeenAt)> changes, bool online, bool record = false)
    {
        if (_window.Offer(WholeReplica, [.. changes.Select(c => new Change(c.UserId, online, c.LastSeenAt, record && !online))]) is { } now)
        {
            _ = SendInOrder(now);
        }
    }

    private Task SendInOrder(IReadOnlyList<Change> changes)
    {
        lock (_order)
        {
            return _lastSend = SendAfterAsync(_lastSend, changes);
        }
    }

    // SendAsync never throws: the previous send's end is all there is to wait for.
    private async Task SendAfterAsync(Task previous, IReadOnlyList<Change> changes)
    {
        await previous;
        await SendAsync(changes);
    }

    private async Task SendAsync(IReadOnlyList<Change> changes)
    {
        try
        {
            var seen = changes.Where(c => c is { Record: true, LastSeenAt: not null }).Select(c => (c.UserId, c.LastSeenAt!.Value)).ToList();
            if (seen.Count > 0)
            {
                await _lastSeen.RecordAsync(seen, CancellationToken.None);
            }
            await PushAsync(changes, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The dots are a hint: a client asks GET /api/presence again at every reconnect.
            _logger.LogWarning(e, "A presence push was not sent");
        }
    }

    private async Task PushAsync(IReadOnlyList<Change> changes, CancellationToken ct)
    {
        if (_registry.ConnectionCount == 0)
        {
            return;
        }
        var teams = await TeamsOfAsync([.. changes.Select(c => c.UserId)], ct);
        // Per connection, the indices of the changes it is told, in order: equal lists make one send.
        var told = new Dictionary<string, List<int>>();
        for (var i = 0; i < changes.Count; i++)
        {
            foreach (var connection in _registry.ConnectionsInTeams(teams[changes[i].UserId], exceptUserId: changes[i].UserId))
            {
                if (!told.TryGetValue(connection, out var indices))
                {
                    told[connection] = indices = [];
                }
                indices.Add(i);
            }
        }
        var sends = told.GroupBy(t => string.Join(',', t.Value), t => t.Key).Select(group =>
        {
            var push = PresencePush.Of([.. told[group.First()].Select(i => changes[i].ToDto())]);
            return _hub.Clients.Clients([.. group]).SendAsync(RealtimeMethods.Presence, push, ct);
        });
        await Task.WhenAll(sends);
    }

    /// <summary>Teams and DMs of each user: known here for the ones connected here, read for the others.</summary>
    private async Task<ILookup<Guid, Guid>> TeamsOfAsync(Guid[] userIds, CancellationToken ct)
    {
        var remote = userIds.Where(u => !_registry.IsConnected(u)).ToArray();
        var read = remote.Length == 0 ? [] : await _db.RunAsync((connection, token) => connection.QueryAsync<(Guid UserId, Guid TeamId)>(new CommandDefinition(
            "SELECT user_id, team_id FROM team_members WHERE user_id = ANY(@remote)", new { remote }, cancellationToken: token)), ct);
        return userIds.Except(remote).SelectMany(u => _registry.TeamsOf(u).Select(t => (UserId: u, TeamId: t)))
            .Concat(read).ToLookup(m => m.UserId, m => m.TeamId);
    }

    private sealed record Change(Guid UserId, bool Online, DateTimeOffset? LastSeenAt, bool Record)
    {
        public PresenceDto ToDto() => new(UserId.ToString(), Online, LastSeenAt);
    }
}
