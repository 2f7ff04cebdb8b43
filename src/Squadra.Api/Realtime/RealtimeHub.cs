using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Auth;
using Squadra.Api.Data;

namespace Squadra.Api.Realtime;

/// <summary>
/// Server-to-client only. A connection joins its user's group and the groups of the user's teams;
/// the fan-out moves it between team groups as memberships change.
/// </summary>
[Authorize]
internal sealed class RealtimeHub(Db db, ConnectionRegistry registry) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var userId = Context.User!.UserId();
        var ct = Context.ConnectionAborted;
        var state = await db.RunAsync(async (connection, token) =>
        {
            using var results = await connection.QueryMultipleAsync(new CommandDefinition(
                """
                SELECT notification_seq FROM users WHERE id = @userId;
                SELECT team_id FROM team_members WHERE user_id = @userId;
                """,
                new { userId }, cancellationToken: token));
            return (Seq: await results.ReadSingleAsync<long>(), Teams: (await results.ReadAsync<Guid>()).ToList());
        }, ct);

        registry.Add(userId, Context.ConnectionId, state.Seq, state.Teams);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(userId), ct);
        foreach (var teamId in state.Teams)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Team(teamId), ct);
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.User!.UserId(), Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
