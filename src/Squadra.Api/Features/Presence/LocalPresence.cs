using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Presence;

/// <summary>
/// This replica's part of presence: which of its users it has announced online, and the announcements themselves.
/// Every announcement is queued under one lock with the set it describes, so on the ordered channel a heartbeat's
/// digest or a list is exactly what its earlier online/offline events add up to.
/// </summary>
internal sealed class LocalPresence(Announcer announcer, ConnectionRegistry registry, TimeProvider clock)
{
    private readonly HashSet<Guid> _announced = [];
    private readonly Lock _lock = new();

    /// <summary>This process's id among the replicas: a restarted replica is a new one, and its old self expires.</summary>
    public Guid ReplicaId { get; } = Guid.NewGuid();

    /// <summary>A connection of the user opened here.</summary>
    public void Connected(Guid userId)
    {
        lock (_lock)
        {
            if (_announced.Add(userId))
            {
                announcer.Announce(new PresenceOnline(ReplicaId, userId));
            }
        }
    }

    /// <summary>The user's last connection here closed; unless one opened again meanwhile, they are offline here.</summary>
    public void Gone(Guid userId)
    {
        lock (_lock)
        {
            if (!registry.IsConnected(userId) && _announced.Remove(userId))
            {
                announcer.Announce(new PresenceOffline(ReplicaId, userId, clock.GetUtcNow()));
            }
        }
    }

    public void Heartbeat()
    {
        lock (_lock)
        {
            announcer.Announce(new PresenceHeartbeat(ReplicaId, Digest(_announced)));
        }
    }

    public void AnnounceList()
    {
        lock (_lock)
        {
            announcer.Announce(new PresenceList(ReplicaId, Guid.NewGuid(), 0, 1, [.. _announced]));
        }
    }

    /// <summary>Stands for a set of user ids, whatever their order: a heartbeat tells its listeners whether they hold the same set.</summary>
    public static long Digest(IEnumerable<Guid> userIds)
    {
        long digest = 0;
        Span<byte> bytes = stackalloc byte[16];
        foreach (var userId in userIds)
        {
            userId.TryWriteBytes(bytes);
            digest ^= BitConverter.ToInt64(bytes[..8]) ^ (BitConverter.ToInt64(bytes[8..]) * 31);
        }
        return digest;
    }
}
