using Microsoft.AspNetCore.SignalR;

namespace Squadra.Api.Realtime;

/// <summary>
/// The connections one user has open on this replica — their devices. A push meant for the user alone (what they read,
/// what they muted) goes to all of them; every replica gets the announcement, so each sends only to its own.
/// </summary>
internal sealed class UserConnections(IHubContext<RealtimeHub> hub, ConnectionRegistry registry)
{
    /// <summary>Sends <paramref name="push"/> to the user's connections here; nothing when they have none.</summary>
    public Task SendAsync(Guid userId, string method, object push, CancellationToken ct) =>
        registry.IsConnected(userId)
            ? hub.Clients.Group(HubGroups.User(userId)).SendAsync(method, push, ct)
            : Task.CompletedTask;
}
