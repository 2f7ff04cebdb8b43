using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Auth;
using Squadra.Api.Data;

namespace Squadra.Api.Realtime;

/// <summary>
/// Server-to-client, but for <see cref="Ready"/>. A connection joins its user's group and the groups of the user's teams;
/// the fan-out moves it between team groups as memberships change.
/// </summary>
[Authorize]
internal sealed class RealtimeHub(Db db, ConnectionRegistry registry, TokenConnections tokens) : Hub
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
                SELECT m.team_id AS TeamId, t.message_seq AS MessageSeq
                FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = @userId;
                """,
                new { userId }, cancellationToken: token));
            return (Seq: await results.ReadSingleAsync<long>(), Teams: (await results.ReadAsync<(Guid TeamId, long MessageSeq)>()).ToList());
        }, ct);

        registry.Add(userId, Context.ConnectionId, state.Seq, state.Teams);
        tokens.Add(Context.User!.TokenId(), Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(userId), ct);
        foreach (var (teamId, _) in state.Teams)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Team(teamId), ct);
        }
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Returns once this connection is subscribed: SignalR runs a client's invocations only after
    /// OnConnectedAsync has finished. A client catches up through REST after this, never before,
    /// so nothing committed in between can slip past both the push and the catch-up.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "SignalR invokes instance methods only.")]
    public Task Ready() => Task.CompletedTask;

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.User!.UserId(), Context.ConnectionId);
        tokens.Remove(Context.User!.TokenId(), Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
