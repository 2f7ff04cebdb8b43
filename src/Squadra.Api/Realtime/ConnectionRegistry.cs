using System.Collections.Concurrent;

namespace Squadra.Api.Realtime;

/// <summary>
/// This replica's hub connections by user, with the teams whose groups they are in: the fan-out only looks at its
/// own users. What each feature pushed to them (cursors) is kept by the feature.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, UserConnections> _users = new();

    public int ConnectionCount => _users.Values.Sum(u => u.Count);

    public void Add(Guid userId, string connectionId)
    {
        while (true)
        {
            var entry = _users.GetOrAdd(userId, _ => new UserConnections());
            lock (entry)
            {
                // Lost a race with the last connection's removal: start over with a fresh entry.
                if (entry.Removed)
                {
                    continue;
                }
                entry.ConnectionIds.Add(connectionId);
                return;
            }
        }
    }

    /// <summary>Forgets a closed connection; true when it was the user's last one here.</summary>
    public bool Remove(Guid userId, string connectionId)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return false;
        }
        lock (entry)
        {
            entry.ConnectionIds.Remove(connectionId);
            if (entry.ConnectionIds.Count == 0)
            {
                entry.Removed = true;
                _users.TryRemove(new KeyValuePair<Guid, UserConnections>(userId, entry));
                return true;
            }
            return false;
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

    /// <summary>Every team some local connection is in.</summary>
    public IReadOnlyList<Guid> ConnectedTeams() =>
        [.. _users.Values.SelectMany(u => { lock (u) { return u.TeamIds.ToList(); } }).Distinct()];

    private sealed class UserConnections
    {
        public readonly HashSet<string> ConnectionIds = [];
        public readonly HashSet<Guid> TeamIds = [];
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
