using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Realtime;

namespace Squadra.Faults.Infrastructure;

/// <summary>A hub connection straight to one replica, never reconnecting: a connection that dies with its replica stays dead.</summary>
public static class ReplicaHub
{
    /// <summary>Connects as <paramref name="session"/> to <paramref name="replica"/> and returns once Ready has answered (subscribed).</summary>
    public static async Task<HubConnection> ConnectAsync(Uri replica, Session session)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(replica, RealtimeMethods.HubPath), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(session.Token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync(RealtimeMethods.Ready);
        return connection;
    }
}
