namespace Squadra.Api.Features.Chat;

/// <summary>
/// The ids of the last messages this replica pushed for each team, by seq. A push can be wrong: after a
/// postmaster crash, a commit that was only local (never acknowledged) is visible once PostgreSQL restarts in
/// place, and a failover right after discards it; its seq is then taken by another message. After each
/// LISTEN reconnect <see cref="ChatFanout"/> compares what it pushed with what the database holds now.
/// </summary>
internal sealed class PushedMessageLog
{
    /// <summary>How many of a team's latest pushes are kept. Only commits in flight at a crash can be discarded: a handful.</summary>
    public const int Window = 64;

    private readonly Dictionary<Guid, SortedList<long, string>> _teams = [];
    private readonly Lock _lock = new();

    public void Record(Guid teamId, long seq, string messageId)
    {
        lock (_lock)
        {
            if (!_teams.TryGetValue(teamId, out var pushed))
            {
                _teams[teamId] = pushed = [];
            }
            pushed[seq] = messageId;
            while (pushed.Count > Window)
            {
                pushed.RemoveAt(0);
            }
        }
    }

    /// <summary>The team's recorded pushes, oldest first.</summary>
    public IReadOnlyList<(long Seq, string MessageId)> Recent(Guid teamId)
    {
        lock (_lock)
        {
            return _teams.TryGetValue(teamId, out var pushed) ? [.. pushed.Select(p => (p.Key, p.Value))] : [];
        }
    }

    /// <summary>Forgets the pushes from this seq on: the database no longer has them.</summary>
    public void ForgetFrom(Guid teamId, long seq)
    {
        lock (_lock)
        {
            if (_teams.TryGetValue(teamId, out var pushed))
            {
                while (pushed.Count > 0 && pushed.Keys[^1] >= seq)
                {
                    pushed.RemoveAt(pushed.Count - 1);
                }
            }
        }
    }

    /// <summary>Drops teams no local connection is in any more.</summary>
    public void Retain(IReadOnlySet<Guid> teamIds)
    {
        lock (_lock)
        {
            foreach (var teamId in _teams.Keys.Where(t => !teamIds.Contains(t)).ToList())
            {
                _teams.Remove(teamId);
            }
        }
    }
}
