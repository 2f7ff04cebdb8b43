using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Client.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Realtime;
using Squadra.Testing;

namespace Squadra.Containers.Infrastructure;

/// <summary>A hub connection of Squadra.Client to one address (the gateway, or one replica), keeping what it is pushed.</summary>
public sealed class PushRecorder : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private PushRecorder(Uri server, string token)
    {
        _connection = HubConnections.Create(server, () => token);
        _connection.On<MessageDto>(RealtimeMethods.Message, Messages.Add);
        _connection.On<NotificationDto>(RealtimeMethods.Notification, Notifications.Add);
    }

    public ConcurrentBag<MessageDto> Messages { get; } = [];

    public ConcurrentBag<NotificationDto> Notifications { get; } = [];

    /// <summary>Connected and subscribed (the hub's Ready() barrier) to the user's and teams' pushes.</summary>
    public static async Task<PushRecorder> ConnectAsync(Uri server, string token)
    {
        var recorder = new PushRecorder(server, token);
        await recorder._connection.StartSubscribedAsync();
        return recorder;
    }

    public static async Task<T> WaitForAsync<T>(string what, ConcurrentBag<T> pushes, Func<T, bool> match, TimeSpan timeout) where T : class =>
        await Eventually.FindAsync(() => pushes.FirstOrDefault(match), timeout)
        ?? throw new TimeoutException($"{what}: nothing pushed within {ComposeDeployment.Seconds(timeout)}");

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
