using Squadra.Contracts.Chat;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// What this replica pushed of each team's changes (see <see cref="MessageChanges"/>) since its last sweep. The sweep
/// reads the team's change counter; every change up to it is committed, so a changed message not recorded here at its
/// change number and revision was announced by nobody (its replica died between commit and NOTIFY) and is pushed then.
/// Changes skip numbers, so a count alone could not tell a missed change from a write that changed nothing.
/// </summary>
internal sealed class PushedChanges
{
    private sealed class Team(long sweptThrough)
    {
        public long SweptThrough = sweptThrough;
        public readonly Dictionary<string, (long ChangeSeq, long Revision)> Pushed = [];
    }

    private readonly Dictionary<Guid, Team> _teams = [];
    private readonly Lock _lock = new();

    /// <summary>The team's counter when its first local connection came: every change up to it is in what that client loads.</summary>
    public void Learn(Guid teamId, long changeSeq)
    {
        lock (_lock)
        {
            _teams.TryAdd(teamId, new Team(changeSeq));
        }
    }

    public void Record(Guid teamId, MessageDto message)
    {
        lock (_lock)
        {
            if (_teams.TryGetValue(teamId, out var team) && message.ChangeSeq > team.SweptThrough)
            {
                team.Pushed[message.Id] = (message.ChangeSeq, message.Revision);
            }
        }
    }

    /// <summary>The counter at the team's last sweep; null while no local connection was ever in the team.</summary>
    public long? SweptThrough(Guid teamId)
    {
        lock (_lock)
        {
            return _teams.TryGetValue(teamId, out var team) ? team.SweptThrough : null;
        }
    }

    public bool WasPushed(Guid teamId, string messageId, long changeSeq, long revision)
    {
        lock (_lock)
        {
            return _teams.TryGetValue(teamId, out var team) && team.Pushed.GetValueOrDefault(messageId) == (changeSeq, revision);
        }
    }

    /// <summary>
    /// Everything up to <paramref name="changeSeq"/> has been pushed. It may be below the last one: a failover discarded
    /// changes whose numbers are taken again; what was recorded above it is then compared again at the next sweep.
    /// </summary>
    public void Swept(Guid teamId, long changeSeq)
    {
        lock (_lock)
        {
            if (!_teams.TryGetValue(teamId, out var team))
            {
                return;
            }
            team.SweptThrough = changeSeq;
            foreach (var (messageId, _) in team.Pushed.Where(p => p.Value.ChangeSeq <= changeSeq).ToList())
            {
                team.Pushed.Remove(messageId);
            }
        }
    }
}
