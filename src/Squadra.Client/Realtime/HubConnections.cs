using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Realtime;

namespace Squadra.Client.Realtime;

/// <summary>How a client reaches Squadra's hub: the one place that knows.</summary>
public static class HubConnections
{
    /// <summary>
    /// A connection to the hub of <paramref name="server"/> (the gateway, or one replica), not started. WebSockets
    /// without negotiation, because the gateway may send every request to another replica and a WebSocket is a
    /// single request. <paramref name="accessToken"/> is asked at every (re)connect. Without
    /// <paramref name="reconnect"/> it stays closed once the server closes it (what a test of that closing wants).
    /// </summary>
    public static HubConnection Create(Uri server, Func<string?> accessToken, IRetryPolicy? reconnect = null)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, RealtimeMethods.HubPath), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(accessToken());
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            });
        if (reconnect is not null)
            builder.WithAutomaticReconnect(reconnect);
        return builder.Build();
    }

    /// <summary>Starts <paramref name="connection"/> and waits until the hub has it in its user's and teams' groups.</summary>
    public static async Task StartSubscribedAsync(this HubConnection connection, CancellationToken ct = default)
    {
        await connection.StartAsync(ct);
        await connection.InvokeAsync(RealtimeMethods.Ready, ct);
    }
}
