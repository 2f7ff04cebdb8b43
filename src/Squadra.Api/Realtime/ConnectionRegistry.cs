using System.Collections.Concurrent;

namespace Squadra.Api.Realtime;

/// <summary>
/// This replica's hub connections by user, with the teams whose groups they are in and the last
/// notification seq pushed to them: the fan-out only looks at its own users, and can resynchronise
/// after its LISTEN connection broke.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, UserConnections> _users = new();
    private readonly ConcurrentDictionary<Guid, long> _teamMessageCursors = new();

    public int ConnectionCount => _users.Values.Sum(u => u.Count);

    public void Add(Guid userId, string connectionId, long currentNotificationSeq, IReadOnlyCollection<(Guid TeamId, long MessageSeq)> teams)
    {
        foreach (var (teamId, messageSeq) in teams)
        {
            _teamMessageCursors.TryAdd(teamId, messageSeq);
        }
        var teamIds = teams.Select(t => t.TeamId).ToList();
        while (true)
        {
            var entry = _users.GetOrAdd(userId, _ => new UserConnections(currentNotificationSeq));
            lock (entry)
            {
                // Lost a race with the last connection's removal: start over with a fresh entry.
                if (entry.Removed)
                {
                    continue;
                }
                entry.ConnectionIds.Add(connectionId);
                entry.TeamIds.UnionWith(teamIds);
                return;
            }
        }
    }

    public void Remove(Guid userId, string connectionId)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return;
        }
        lock (entry)
        {
            entry.ConnectionIds.Remove(connectionId);
            if (entry.ConnectionIds.Count == 0)
            {
                entry.Removed = true;
                _users.TryRemove(new KeyValuePair<Guid, UserConnections>(userId, entry));
            }
        }
    }

    public bool IsConnected(Guid userId) => _users.ContainsKey(userId);

    public IReadOnlyList<Guid> ConnectedUsers() => [.. _users.Keys];

    /// <summary>Records that the user is (or is no longer) in the team; returns the user's local connections.</summary>
    public IReadOnlyList<string> SetMembership(Guid userId, Guid teamId, bool member)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return [];
        }
        lock (entry)
        {
            if (member)
            {
                entry.TeamIds.Add(teamId);
            }
            else
            {
                entry.TeamIds.Remove(teamId);
            }
            return [.. entry.ConnectionIds];
        }
    }

    public IReadOnlyList<Guid> TeamsOf(Guid userId)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return [];
        }
        lock (entry)
        {
            return [.. entry.TeamIds];
        }
    }

    /// <summary>Every connected user with the last notification seq pushed to them.</summary>
    public IReadOnlyList<(Guid UserId, long LastSeq)> NotificationCursors() =>
        [.. _users.Select(pair => (pair.Key, Interlocked.Read(ref pair.Value.LastNotificationSeq)))];

    /// <summary>Records a push; false when that seq was pushed already (live delivery and catch-up overlap).</summary>
    public bool TryAdvanceNotificationSeq(Guid userId, long seq)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return false;
        }
        while (true)
        {
            var last = Interlocked.Read(ref entry.LastNotificationSeq);
            if (seq <= last)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref entry.LastNotificationSeq, seq, last) == last)
            {
                return true;
            }
        }
    }

    /// <summary>Back to the database's seq when it is lower: the pushes after it were of commits a failover discarded.</summary>
    public void RewindNotificationSeq(Guid userId, long seq)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return;
        }
        while (true)
        {
            var last = Interlocked.Read(ref entry.LastNotificationSeq);
            if (seq >= last || Interlocked.CompareExchange(ref entry.LastNotificationSeq, seq, last) == last)
            {
                return;
            }
        }
    }

    /// <summary>Every team some local connection is in, with the last message seq pushed to it (null: not known yet).</summary>
    public IReadOnlyList<(Guid TeamId, long? LastSeq)> TeamMessageCursors() =>
        [.. _users.Values.SelectMany(u => { lock (u) { return u.TeamIds.ToList(); } }).Distinct()
            .Select(t => (t, _teamMessageCursors.TryGetValue(t, out var seq) ? seq : (long?)null))];

    public long? TeamMessageCursor(Guid teamId) => _teamMessageCursors.TryGetValue(teamId, out var seq) ? seq : null;

    public void SetTeamMessageCursorIfUnknown(Guid teamId, long seq) => _teamMessageCursors.TryAdd(teamId, seq);

    /// <summary>Only the fan-out's single dispatching task calls this, so a plain max is enough.</summary>
    public void AdvanceTeamMessageCursor(Guid teamId, long seq) =>
        _teamMessageCursors.AddOrUpdate(teamId, seq, (_, last) => Math.Max(last, seq));

    /// <summary>Back to an earlier seq: the pushes after it were of commits a failover discarded. Only the dispatcher calls this.</summary>
    public void RewindTeamMessageCursor(Guid teamId, long seq) => _teamMessageCursors[teamId] = seq;

    private sealed class UserConnections(long lastNotificationSeq)
    {
        public readonly HashSet<string> ConnectionIds = [];
        public readonly HashSet<Guid> TeamIds = [];
        public long LastNotificationSeq = lastNotificationSeq;
        public bool Removed;

        public int Count
        {
            get
            {
                lock (this)
                {
                    return ConnectionIds.Count;
                }
            }
        }
    }
}
