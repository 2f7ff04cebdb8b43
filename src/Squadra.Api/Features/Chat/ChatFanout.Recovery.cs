using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// When announcements were missed: after the LISTEN connection came back (what was missed, and what was pushed
/// wrongly), and at every sweep (a commit whose replica died before announcing it).
/// </summary>
internal sealed partial class ChatFanout
{
    /// <summary>Every connected team whose cursor is known, with it.</summary>
    private List<(Guid TeamId, long Last)> KnownTeams() =>
        [.. registry.ConnectedTeams().Select(t => (TeamId: t, Last: Cursor(t))).Where(t => t.Last is not null).Select(t => (t.TeamId, t.Last!.Value))];

    public async Task CatchUpAsync(CancellationToken ct)
    {
        var teams = KnownTeams();
        _pushed.Retain(teams.Select(t => t.TeamId).ToHashSet());
        if (teams.Count == 0)
        {
            return;
        }
        var stored = (await chat.AfterAsync(
                [.. teams.Select(t => t.TeamId)], [.. teams.Select(t => Math.Max(0, t.Last - PushedMessageLog.Window))], ct))
            .ToLookup(m => Guid.Parse(m.ConversationId));
        foreach (var (teamId, last) in teams)
        {
            var now = stored[teamId].ToDictionary(m => m.Seq);
            foreach (var (seq, pushedId) in _pushed.Recent(teamId).Where(p => p.Seq > last - PushedMessageLog.Window))
            {
                if (!now.TryGetValue(seq, out var message))
                {
                    // Seqs have no gaps: this one and every later one are gone; whoever takes them next is pushed as new.
                    _cursors[teamId] = seq - 1;
                    _pushed.ForgetFrom(teamId, seq);
                    s_discardedPushes.Inc();
                    break;
                }
                if (message.Id != pushedId)
                {
                    _pushed.Record(teamId, seq, message.Id);
                    await SendUpdatedAsync(message, ct);
                    s_discardedPushes.Inc();
                }
            }
            var cursor = Cursor(teamId) ?? last;
            foreach (var message in stored[teamId].Where(m => m.Seq > cursor))
            {
                await SendAsync(message, ct);
            }
        }
        // Edits, deletions and reactions announced while the LISTEN connection was down.
        await SweepAsync(ct);
    }

    /// <summary>
    /// One query for the current counters of every connected team: whatever is past a cursor is pushed as a late
    /// announcement would have been, and then every change nobody announced (<see cref="PushedChanges"/>).
    /// </summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var teams = KnownTeams().ToDictionary(t => t.TeamId, t => t.Last);
        if (teams.Count == 0)
        {
            return;
        }
        var stored = (await CountersAsync([.. teams.Keys], ct)).ToList();
        var behind = stored.Where(s => s.Seq > teams[s.TeamId]).Select(s => s.TeamId).ToArray();
        if (behind.Length > 0)
        {
            FanoutMetrics.Swept.WithLabels("messages").Inc(behind.Length);
            await PushAfterAsync(behind, [.. behind.Select(t => Cursor(t) ?? teams[t])], ct);
        }
        await SweepChangesAsync([.. stored.Select(s => (s.TeamId, s.ChangeSeq))], ct);
    }

    private async Task SweepChangesAsync(List<(Guid TeamId, long Counter)> counters, CancellationToken ct)
    {
        var moved = counters
            .Select(c => (c.TeamId, c.Counter, Swept: _changes.SweptThrough(c.TeamId)))
            .Where(c => c.Swept is { } swept && swept != c.Counter)
            .Select(c => (c.TeamId, c.Counter, After: Math.Min(c.Swept!.Value, c.Counter)))
            .ToList();
        if (moved.Count == 0)
        {
            return;
        }
        // First only the numbers: most changes were pushed, and only a missed one is worth reading whole. A change past
        // the counter read above committed since; its announcement is on its way, or the next sweep finds it.
        var changed = await chat.ChangedSinceAsync([.. moved.Select(m => m.TeamId)], [.. moved.Select(m => m.After)], ct);
        var counterOf = moved.ToDictionary(m => m.TeamId, m => m.Counter);
        var missed = changed
            .Where(c => c.ChangeSeq <= counterOf[c.TeamId] && c.Seq <= Cursor(c.TeamId)
                && !_changes.WasPushed(c.TeamId, c.Id.ToString(), c.ChangeSeq, c.Revision))
            .Select(c => c.Id)
            .ToArray();
        if (missed.Length > 0)
        {
            FanoutMetrics.Swept.WithLabels("changes").Inc(missed.Length);
            foreach (var message in await chat.FindAsync(missed, ct))
            {
                await SendUpdatedAsync(message, ct);
            }
        }
        foreach (var (teamId, counter, _) in moved)
        {
            _changes.Swept(teamId, counter);
        }
    }
}
