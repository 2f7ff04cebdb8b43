using System.Collections.Concurrent;

namespace Squadra.Api.Realtime;

/// <summary>
/// This replica's hub connections by user, with the teams whose groups they are in: the fan-out only looks at its
/// own users. What each feature pushed to them (cursors) is kept by the feature. It also tells which announcement
/// topics this replica needs (<see cref="Wants"/>): a user's while they have a connection here, a team's or DM's while
/// one of its members has, so a broker channel subscribes to those only.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, UserConnections> _users = new();

    // The same memberships the other way round, so a push to the local members of some teams costs what it reaches
    // (presence), not a look at every connected user.
    private readonly Dictionary<Guid, HashSet<Guid>> _teamUsers = [];
    private readonly Lock _teamUsersLock = new();

    public int ConnectionCount => _users.Values.Sum(u => u.Count);

    /// <summary>
    /// Raised when a topic may have become wanted or unwanted (a user's first or last connection here, a team's first or
    /// last local member). Only a hint, possibly raised out of order by racing connections: the listener asks
    /// <see cref="Wants"/> for the truth. Raised under locks of this registry: handlers only take note.
    /// </summary>
    public event Action<FanoutTopic>? InterestChanged;

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
                if (entry.ConnectionIds.Count == 1)
                {
                    InterestChanged?.Invoke(FanoutTopic.User(userId));
                }
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
                foreach (var teamId in entry.TeamIds)
                {
                    ForgetTeamUser(teamId, userId);
                }
                InterestChanged?.Invoke(FanoutTopic.User(userId));
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
            if (entry.Removed)
            {
                // The last connection closed meanwhile: nothing to record.
                return [];
            }
            if (member)
            {
                entry.TeamIds.Add(teamId);
                lock (_teamUsersLock)
                {
                    if (!_teamUsers.TryGetValue(teamId, out var members))
                    {
                        _teamUsers[teamId] = members = [];
                        InterestChanged?.Invoke(FanoutTopic.Conversation(teamId));
                    }
                    members.Add(userId);
                }
            }
            else
            {
                entry.TeamIds.Remove(teamId);
                ForgetTeamUser(teamId, userId);
            }
            return [.. entry.ConnectionIds];
        }
    }

    /// <summary>The user's connections on this replica (none when not connected here).</summary>
    public IReadOnlyList<string> ConnectionsOf(Guid userId)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return [];
        }
        lock (entry)
        {
            return [.. entry.ConnectionIds];
        }
    }

    /// <summary>The local connections of the users in any of <paramref name="teamIds"/>, each once, but <paramref name="exceptUserId"/>'s.</summary>
    public IReadOnlyList<string> ConnectionsInTeams(IEnumerable<Guid> teamIds, Guid exceptUserId)
    {
        var users = new HashSet<Guid>();
        lock (_teamUsersLock)
        {
            foreach (var teamId in teamIds)
            {
                if (_teamUsers.TryGetValue(teamId, out var members))
                {
                    users.UnionWith(members);
                }
            }
        }
        users.Remove(exceptUserId);
        return [.. users.SelectMany(ConnectionsOf)];
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

    /// <summary>Whether announcements of <paramref name="topic"/> concern a connection of this replica.</summary>
    public bool Wants(FanoutTopic topic)
    {
        switch (topic.Kind)
        {
            case FanoutTopicKind.User:
                return _users.ContainsKey(topic.Id);
            case FanoutTopicKind.Conversation:
                lock (_teamUsersLock)
                {
                    return _teamUsers.ContainsKey(topic.Id);
                }
            default:
                return true;
        }
    }

    /// <summary>Every topic that concerns a connection of this replica now, the broadcast included.</summary>
    public IReadOnlyList<FanoutTopic> WantedTopics()
    {
        List<FanoutTopic> topics = [FanoutTopic.Broadcast, .. _users.Keys.Select(FanoutTopic.User)];
        lock (_teamUsersLock)
        {
            topics.AddRange(_teamUsers.Keys.Select(FanoutTopic.Conversation));
        }
        return topics;
    }

    /// <summary>Every team some local connection is in.</summary>
    public IReadOnlyList<Guid> ConnectedTeams() =>
        [.. _users.Values.SelectMany(u => { lock (u) { return u.TeamIds.ToList(); } }).Distinct()];

    private void ForgetTeamUser(Guid teamId, Guid userId)
    {
        lock (_teamUsersLock)
        {
            // A team with nobody connected here takes no room.
            if (_teamUsers.TryGetValue(teamId, out var members) && members.Remove(userId) && members.Count == 0)
            {
                _teamUsers.Remove(teamId);
                InterestChanged?.Invoke(FanoutTopic.Conversation(teamId));
            }
        }
    }

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
