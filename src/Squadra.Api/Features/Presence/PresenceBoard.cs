namespace Squadra.Api.Features.Presence;

/// <summary>
/// Who is online anywhere in the cluster, as this replica has heard it: each replica's online users and when it was
/// last heard. A user is online while at least one replica holds them. Fed in order by the fan-out's one task;
/// read by requests (GET /api/presence), hence the lock.
/// </summary>
internal sealed class PresenceBoard
{
    private readonly Dictionary<Guid, ReplicaUsers> _replicas = [];
    private readonly Dictionary<Guid, int> _replicasOfUser = [];
    private readonly Lock _lock = new();

    public bool IsOnline(Guid userId)
    {
        lock (_lock)
        {
            return _replicasOfUser.ContainsKey(userId);
        }
    }

    /// <summary>The user is online on <paramref name="replica"/>; true when that made them online in the cluster.</summary>
    public bool Add(Guid replica, Guid userId, DateTimeOffset now)
    {
        lock (_lock)
        {
            return Replica(replica, now).Users.Add(userId) && Count(userId, +1) == 1;
        }
    }

    /// <summary>The user is no longer online on <paramref name="replica"/>; true when that made them offline in the cluster.</summary>
    public bool Remove(Guid replica, Guid userId, DateTimeOffset now)
    {
        lock (_lock)
        {
            return Replica(replica, now).Users.Remove(userId) && Count(userId, -1) == 0;
        }
    }

    /// <summary>What <paramref name="replica"/> holds is now <paramref name="userIds"/>: who came online and who went offline in the cluster.</summary>
    public (IReadOnlyList<Guid> CameOnline, IReadOnlyList<Guid> WentOffline) Replace(Guid replica, IReadOnlyCollection<Guid> userIds, DateTimeOffset now)
    {
        lock (_lock)
        {
            var held = Replica(replica, now).Users;
            var cameOnline = userIds.Where(u => held.Add(u) && Count(u, +1) == 1).ToList();
            var wentOffline = held.Except(userIds).ToList().Where(u => held.Remove(u) && Count(u, -1) == 0).ToList();
            return (cameOnline, wentOffline);
        }
    }

    /// <summary>Notes that <paramref name="replica"/> was heard; true when <paramref name="digest"/> matches what is held for it.</summary>
    public bool Heard(Guid replica, long digest, DateTimeOffset now)
    {
        lock (_lock)
        {
            var entry = Replica(replica, now);
            entry.HeardAt = now;
            return LocalPresence.Digest(entry.Users) == digest;
        }
    }

    /// <summary>Every replica counts as heard now: after this replica itself could hear nobody for a while (its listener was down).</summary>
    public void HeardAll(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var entry in _replicas.Values)
            {
                entry.HeardAt = now;
            }
        }
    }

    /// <summary>Forgets the replicas not heard since <paramref name="before"/>: the users that made offline, each with when their replica was last heard.</summary>
    public IReadOnlyList<(Guid UserId, DateTimeOffset LastSeenAt)> Expire(DateTimeOffset before)
    {
        lock (_lock)
        {
            var gone = _replicas.Where(r => r.Value.HeardAt < before).ToList();
            var wentOffline = new List<(Guid, DateTimeOffset)>();
            foreach (var (replica, entry) in gone)
            {
                _replicas.Remove(replica);
                wentOffline.AddRange(entry.Users.Where(u => Count(u, -1) == 0).Select(u => (u, entry.HeardAt)));
            }
            return wentOffline;
        }
    }

    private ReplicaUsers Replica(Guid replica, DateTimeOffset now)
    {
        if (!_replicas.TryGetValue(replica, out var entry))
        {
            _replicas[replica] = entry = new ReplicaUsers { HeardAt = now };
        }
        return entry;
    }

    /// <summary>Changes on how many replicas the user is online; returns the new count.</summary>
    private int Count(Guid userId, int change)
    {
        var count = _replicasOfUser.GetValueOrDefault(userId) + change;
        if (count > 0)
        {
            _replicasOfUser[userId] = count;
        }
        else
        {
            _replicasOfUser.Remove(userId);
        }
        return count;
    }

    private sealed class ReplicaUsers
    {
        public readonly HashSet<Guid> Users = [];
        public DateTimeOffset HeardAt;
    }
}
