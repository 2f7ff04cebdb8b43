using Dapper;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Data;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Teams;

/// <summary>
/// Keeps this replica's connections in the groups of their users' teams: at connect, when a membership change is
/// announced, and against the database at every catch-up and sweep (a change nobody announced).
/// </summary>
internal sealed class MembershipFanout(Db db, ConnectionRegistry registry, IHubContext<RealtimeHub> hub)
    : IFanoutHandler<MembershipChanged>, IFanoutRecovery, IConnectionObserver
{
    public async Task OnConnectedAsync(Guid userId, string connectionId, CancellationToken ct)
    {
        var teamIds = await db.RunAsync((connection, token) => connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT team_id FROM team_members WHERE user_id = @userId", new { userId }, cancellationToken: token)), ct);
        foreach (var teamId in teamIds)
        {
            registry.SetMembership(userId, teamId, member: true);
            await hub.Groups.AddToGroupAsync(connectionId, HubGroups.Team(teamId), ct);
        }
    }

    public void OnUserGone(Guid userId)
    {
        // The registry forgot the user with their last connection.
    }

    public async Task HandleAsync(MembershipChanged changed, CancellationToken ct)
    {
        foreach (var user in changed.Joined)
        {
            await MoveAsync(user, changed.TeamId, member: true, ct);
        }
        foreach (var user in changed.Left)
        {
            await MoveAsync(user, changed.TeamId, member: false, ct);
        }
    }

    public Task CatchUpAsync(CancellationToken ct) => ReconcileAsync(ct);

    public Task SweepAsync(CancellationToken ct) => ReconcileAsync(ct);

    /// <summary>Moves local connections into the groups of the teams their users are members of now, and out of the others.</summary>
    private async Task ReconcileAsync(CancellationToken ct)
    {
        var users = registry.ConnectedUsers().ToArray();
        if (users.Length == 0)
        {
            return;
        }
        var memberships = await db.RunAsync((connection, token) => connection.QueryAsync<(Guid UserId, Guid TeamId)>(new CommandDefinition(
            "SELECT user_id, team_id FROM team_members WHERE user_id = ANY(@users)", new { users }, cancellationToken: token)), ct);
        var actual = memberships.ToLookup(m => m.UserId, m => m.TeamId);
        foreach (var user in users)
        {
            var known = registry.TeamsOf(user);
            foreach (var joined in actual[user].Except(known))
            {
                await MoveAsync(user, joined, member: true, ct);
            }
            foreach (var left in known.Except(actual[user]))
            {
                await MoveAsync(user, left, member: false, ct);
            }
        }
    }

    private async Task MoveAsync(Guid userId, Guid teamId, bool member, CancellationToken ct)
    {
        foreach (var connectionId in registry.SetMembership(userId, teamId, member))
        {
            if (member)
            {
                await hub.Groups.AddToGroupAsync(connectionId, HubGroups.Team(teamId), ct);
            }
            else
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, HubGroups.Team(teamId), ct);
            }
        }
    }
}
