using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Squadra.Api.Realtime;

/// <summary>
/// This replica's hub connections by the token they authenticated with. A revoked token (logout here, or
/// one this replica's revocation poller learns of within a second) ends its live connections at once:
/// authentication is checked only when a connection opens, and a logged-out token kept receiving chat.
/// </summary>
internal sealed class TokenConnections
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byToken = new();

    public void Add(Guid tokenId, HubCallerContext connection) =>
        _byToken.GetOrAdd(tokenId, static _ => new())[connection.ConnectionId] = connection;

    public void Remove(Guid tokenId, string connectionId)
    {
        if (_byToken.TryGetValue(tokenId, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
        {
            _byToken.TryRemove(KeyValuePair.Create(tokenId, connections));
        }
    }

    public void Close(Guid tokenId)
    {
        if (_byToken.TryRemove(tokenId, out var connections))
        {
            foreach (var connection in connections.Values)
            {
                connection.Abort();
            }
        }
    }
}
