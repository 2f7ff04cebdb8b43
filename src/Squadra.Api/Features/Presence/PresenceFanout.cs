using Microsoft.Extensions.Options;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Presence;

/// <summary>
/// Presence across replicas, from the announcements of <see cref="LocalPresence"/>: every replica keeps the same
/// <see cref="PresenceBoard"/> and pushes each change to its own connections it concerns. Self-healing: a heartbeat at
/// every sweep carries a digest of the replica's users, and a listener holding something else asks for the list; a
/// replica not heard for <see cref="PresenceOptions.ReplicaTimeout"/> (killed) takes its users offline with it.
/// The dispatcher's one task calls everything here but the connection callbacks, which only queue announcements.
/// </summary>
internal sealed class PresenceFanout(
    LocalPresence local,
    PresenceBoard board,
    PresencePushes pushes,
    Announcer announcer,
    IOptions<PresenceOptions> options,
    TimeProvider clock)
    : IConnectionObserver, IFanoutRecovery,
      IFanoutHandler<PresenceOnline>, IFanoutHandler<PresenceOffline>, IFanoutHandler<PresenceHeartbeat>,
      IFanoutHandler<PresenceListAsked>, IFanoutHandler<PresenceList>
{
    // A listener asks one replica for its list at most this often, and a replica sends its list at most this often:
    // a digest that differs only because announcements are in flight costs no storm of lists.
    private static readonly TimeSpan s_askEvery = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_listEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<Guid, DateTimeOffset> _askedAt = [];
    private readonly Dictionary<Guid, PartialList> _lists = [];
    private DateTimeOffset _selfHeardAt = DateTimeOffset.MinValue;
    private DateTimeOffset _listSentAt = DateTimeOffset.MinValue;

    public Task OnConnectedAsync(Guid userId, string connectionId, CancellationToken ct)
    {
        local.Connected(userId);
        return Task.CompletedTask;
    }

    public void OnUserGone(Guid userId) => local.Gone(userId);

    public Task HandleAsync(PresenceOnline online, CancellationToken ct)
    {
        if (board.Add(online.Replica, online.UserId, clock.GetUtcNow()))
        {
            pushes.Send([(online.UserId, null)], online: true);
        }
        return Task.CompletedTask;
    }

    public Task HandleAsync(PresenceOffline offline, CancellationToken ct)
    {
        if (board.Remove(offline.Replica, offline.UserId, clock.GetUtcNow()))
        {
            // Written by the replica the user left, once; the others only push.
            pushes.Send([(offline.UserId, offline.At)], online: false, record: offline.Replica == local.ReplicaId);
        }
        return Task.CompletedTask;
    }

    public Task HandleAsync(PresenceHeartbeat heartbeat, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (heartbeat.Replica == local.ReplicaId)
        {
            _selfHeardAt = now;
        }
        if (!board.Heard(heartbeat.Replica, heartbeat.Digest, now) && now - _askedAt.GetValueOrDefault(heartbeat.Replica) >= s_askEvery)
        {
            _askedAt[heartbeat.Replica] = now;
            announcer.Announce(new PresenceListAsked(heartbeat.Replica));
        }
        return Task.CompletedTask;
    }

    public Task HandleAsync(PresenceListAsked asked, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if ((asked.Replica is null || asked.Replica == local.ReplicaId) && now - _listSentAt >= s_listEvery)
        {
            _listSentAt = now;
            local.AnnounceList();
        }
        return Task.CompletedTask;
    }

    public Task HandleAsync(PresenceList part, CancellationToken ct)
    {
        if (!_lists.TryGetValue(part.Replica, out var list) || list.ListId != part.ListId)
        {
            _lists[part.Replica] = list = new PartialList(part.ListId, new Guid[part.Parts][]);
        }
        list.Parts[part.Part] = part.UserIds;
        if (list.Parts.Any(p => p is null))
        {
            return Task.CompletedTask;
        }
        _lists.Remove(part.Replica);
        var (cameOnline, wentOffline) = board.Replace(part.Replica, [.. list.Parts.SelectMany(p => p!)], clock.GetUtcNow());
        pushes.Send([.. cameOnline.Select(u => (u, (DateTimeOffset?)null))], online: true);
        // Not heard going offline when it happened: "last seen" is now, as far as anyone here knows.
        var now = clock.GetUtcNow();
        pushes.Send([.. wentOffline.Select(u => (u, (DateTimeOffset?)now))], online: false);
        return Task.CompletedTask;
    }

    /// <summary>The LISTEN connection is back: announcements were missed, and nobody could be heard meanwhile.</summary>
    public Task CatchUpAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        board.HeardAll(now);
        _selfHeardAt = now;
        announcer.Announce(new PresenceListAsked(null));
        return Task.CompletedTask;
    }

    public Task SweepAsync(CancellationToken ct)
    {
        local.Heartbeat();
        var now = clock.GetUtcNow();
        var timeout = options.Value.ReplicaTimeout;
        // Only a replica that hears its own heartbeats can tell a silent replica from a deaf listener.
        if (now - _selfHeardAt < timeout / 2)
        {
            var wentOffline = board.Expire(now - timeout);
            pushes.Send([.. wentOffline.Select(w => (w.UserId, (DateTimeOffset?)w.LastSeenAt))], online: false, record: true);
        }
        return Task.CompletedTask;
    }

    private sealed record PartialList(Guid ListId, Guid[]?[] Parts);
}
