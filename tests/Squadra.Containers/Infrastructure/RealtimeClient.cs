using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Realtime;

namespace Squadra.Containers.Infrastructure;

/// <summary>A SignalR client of the hub at one address (the gateway, or one replica), over WebSockets, keeping what it is pushed.</summary>
public sealed class RealtimeClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private RealtimeClient(Uri baseAddress, string token)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, RealtimeMethods.HubPath), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        _connection.On<MessageDto>(RealtimeMethods.Message, Messages.Add);
        _connection.On<NotificationDto>(RealtimeMethods.Notification, Notifications.Add);
    }

    public ConcurrentBag<MessageDto> Messages { get; } = [];

    public ConcurrentBag<NotificationDto> Notifications { get; } = [];

    /// <summary>Connected and subscribed (the hub's Ready() barrier) to the user's and teams' pushes.</summary>
    public static async Task<RealtimeClient> ConnectAsync(Uri baseAddress, string token)
    {
        var client = new RealtimeClient(baseAddress, token);
        await client._connection.StartAsync();
        await client._connection.InvokeAsync(RealtimeMethods.Ready);
        return client;
    }

    public static async Task<T> WaitForAsync<T>(string what, ConcurrentBag<T> pushes, Func<T, bool> match, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = pushes.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what}: nothing pushed within {ComposeDeployment.Seconds(timeout)}");
            }
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
