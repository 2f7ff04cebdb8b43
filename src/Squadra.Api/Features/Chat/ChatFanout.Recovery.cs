using Dapper;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Realtime;
using Squadra.Contracts.Realtime;

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
            .ToLookup(m => Guid.Parse(m.TeamId));
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
                    await hub.Clients.Group(HubGroups.Team(teamId)).SendAsync(RealtimeMethods.MessageUpdated, message, ct);
                    s_discardedPushes.Inc();
                }
            }
            var cursor = Cursor(teamId) ?? last;
            foreach (var message in stored[teamId].Where(m => m.Seq > cursor))
            {
                await SendAsync(message, ct);
            }
        }
    }

    /// <summary>One query for the current seq of every connected team; whatever is past a cursor is pushed as a late announcement would have been.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var teams = KnownTeams().ToDictionary(t => t.TeamId, t => t.Last);
        if (teams.Count == 0)
        {
            return;
        }
        var stored = await db.RunAsync((connection, token) => connection.QueryAsync<(Guid Id, long Seq)>(new CommandDefinition(
            "SELECT id, message_seq FROM teams WHERE id = ANY(@teamIds)", new { teamIds = teams.Keys.ToArray() }, cancellationToken: token)), ct);
        var behind = stored.Where(s => s.Seq > teams[s.Id]).Select(s => s.Id).ToArray();
        if (behind.Length > 0)
        {
            FanoutMetrics.Swept.WithLabels("messages").Inc(behind.Length);
            await PushAfterAsync(behind, [.. behind.Select(t => Cursor(t) ?? teams[t])], ct);
        }
    }
}
