using Dapper;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Data;
using Squadra.Api.Realtime;
using Squadra.Contracts.Presence;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.Presence;

/// <summary>
/// Tells this replica's connections of the users who share a team or DM with someone that they came online or went
/// offline: one push per change and connection, whatever the number of teams shared, and no look at anyone else.
/// </summary>
internal sealed class PresencePushes(Db db, ConnectionRegistry registry, IHubContext<RealtimeHub> hub)
{
    public async Task SendAsync(IReadOnlyList<(Guid UserId, DateTimeOffset? LastSeenAt)> changes, bool online, CancellationToken ct)
    {
        if (changes.Count == 0 || registry.ConnectionCount == 0)
        {
            return;
        }
        var teams = await TeamsOfAsync([.. changes.Select(c => c.UserId)], ct);
        foreach (var (userId, lastSeenAt) in changes)
        {
            var connections = registry.ConnectionsInTeams(teams[userId], exceptUserId: userId);
            if (connections.Count > 0)
            {
                await hub.Clients.Clients(connections).SendAsync(RealtimeMethods.Presence, new PresenceDto(userId.ToString(), online, lastSeenAt), ct);
            }
        }
    }

    /// <summary>Teams and DMs of each user: known here for the ones connected here, read for the others.</summary>
    private async Task<ILookup<Guid, Guid>> TeamsOfAsync(Guid[] userIds, CancellationToken ct)
    {
        var remote = userIds.Where(u => !registry.IsConnected(u)).ToArray();
        var read = remote.Length == 0 ? [] : await db.RunAsync((connection, token) => connection.QueryAsync<(Guid UserId, Guid TeamId)>(new CommandDefinition(
            "SELECT user_id, team_id FROM team_members WHERE user_id = ANY(@remote)", new { remote }, cancellationToken: token)), ct);
        return userIds.Except(remote).SelectMany(u => registry.TeamsOf(u).Select(t => (UserId: u, TeamId: t)))
            .Concat(read).ToLookup(m => m.UserId, m => m.TeamId);
    }
}
