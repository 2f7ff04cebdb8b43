using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Muting;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Presence;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Saved;
using Squadra.Contracts.Typing;

namespace Squadra.Client.Realtime;

/// <summary>
/// A session's one hub connection (<see cref="HubConnections"/> says how it is made): reconnects for as long as it
/// is not stopped, and raises <see cref="Connected"/> only once the hub has it in its groups (Ready), which is when
/// a listener catches up through REST. The token is read at every (re)connect, so a new login is used.
/// </summary>
public sealed class RealtimeClient(Uri server, ISessionToken session, TimeProvider clock, ILogger<RealtimeClient> logger)
    : IRealtimeConnection, IAsyncDisposable
{
    HubConnection? _connection;
    CancellationTokenSource? _lifetime;

    public RealtimeState State { get; private set; }

    public event Action? StateChanged;

    public event Func<Task>? Connected;

    public event Func<NotificationDto, Task>? NotificationReceived;

    public event Func<MessageDto, Task>? MessageReceived;

    public event Func<MessageDto, Task>? MessageUpdated;

    public event Func<EventDto, Task>? EventChanged;

    public event Func<EventChangedPush, Task>? SeriesChanged;

    public event Func<ReadStatePush, Task>? ReadStateChanged;

    public event Func<ChatMutedPush, Task>? ChatMuted;

    public event Func<MessageSavedPush, Task>? MessageSaved;

    public event Func<NotificationsPausedPush, Task>? NotificationsPaused;

    public event Func<MemberPausedPush, Task>? MemberPaused;

    public event Func<TypingPush, Task>? TypingReceived;

    public event Func<PresenceDto, Task>? PresenceChanged;

    public async Task SendTypingAsync(ChatKey chat)
    {
        if (_connection is not { State: HubConnectionState.Connected } connection)
            return;

        try
        {
            // Sent, not invoked: no answer is awaited for a hint that is stale in seconds anyway.
            await connection.SendAsync(RealtimeMethods.SendTyping, chat.IsDm ? new TypingRequest(null, chat.Id) : new TypingRequest(chat.Id, null));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogDebug(e, "A typing signal was not sent");
        }
    }

    public async Task StartAsync()
    {
        await StopAsync();
        var lifetime = _lifetime = new CancellationTokenSource();
        var connection = _connection = Build(lifetime.Token);
        SetState(RealtimeState.Connecting);
        _ = KeepConnectingAsync(connection, lifetime.Token);
    }

    public async Task StopAsync()
    {
        if (_connection is not { } connection)
            return;

        _connection = null;
        await _lifetime!.CancelAsync();
        _lifetime.Dispose();
        _lifetime = null;
        await connection.DisposeAsync();
        SetState(RealtimeState.Disconnected);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    HubConnection Build(CancellationToken lifetime)
    {
        var connection = HubConnections.Create(server, () => session.AccessToken, new ReconnectDelays());

        connection.On<NotificationDto>(RealtimeMethods.Notification, notification => RaiseAsync(NotificationReceived, handler => handler(notification)));
        connection.On<MessageDto>(RealtimeMethods.Message, message => RaiseAsync(MessageReceived, handler => handler(message)));
        connection.On<MessageDto>(RealtimeMethods.MessageUpdated, message => RaiseAsync(MessageUpdated, handler => handler(message)));
        connection.On<ReadStatePush>(RealtimeMethods.ReadState, push => RaiseAsync(ReadStateChanged, handler => handler(push)));
        connection.On<ChatMutedPush>(RealtimeMethods.ChatMuted, push => RaiseAsync(ChatMuted, handler => handler(push)));
        connection.On<MessageSavedPush>(RealtimeMethods.MessageSaved, push => RaiseAsync(MessageSaved, handler => handler(push)));
        connection.On<NotificationsPausedPush>(RealtimeMethods.NotificationsPaused, push => RaiseAsync(NotificationsPaused, handler => handler(push)));
        connection.On<MemberPausedPush>(RealtimeMethods.MemberPaused, push => RaiseAsync(MemberPaused, handler => handler(push)));
        connection.On<TypingPush>(RealtimeMethods.Typing, push => RaiseAsync(TypingReceived, handler => handler(push)));
        // A push may carry several changes (one push a second per connection); subscribers hear them one by one.
        connection.On<PresencePush>(RealtimeMethods.Presence, async push =>
        {
            foreach (var presence in push.All)
                await RaiseAsync(PresenceChanged, handler => handler(presence));
        });
        connection.On<EventChangedPush>(RealtimeMethods.EventChanged, async changed =>
        {
            await RaiseAsync(EventChanged, handler => handler(changed));
            if (changed.SeriesChange is not null)
                await RaiseAsync(SeriesChanged, handler => handler(changed));
        });
        connection.Reconnecting += _ =>
        {
            SetState(RealtimeState.Reconnecting);
            return Task.CompletedTask;
        };
        connection.Reconnected += _ => SubscribedAsync(connection);
        // Reached only when the server refused to let it reconnect: start over, as at sign-in.
        connection.Closed += error =>
        {
            if (lifetime.IsCancellationRequested)
                return Task.CompletedTask;

            SetState(RealtimeState.Reconnecting);
            _ = KeepConnectingAsync(connection, lifetime);
            return Task.CompletedTask;
        };
        return connection;
    }

    // WithAutomaticReconnect covers a connection that was up once; a first start that fails is retried here, as patiently.
    async Task KeepConnectingAsync(HubConnection connection, CancellationToken lifetime)
    {
        for (var attempt = 1; session.AccessToken is not null; attempt++)
        {
            try
            {
                await connection.StartAsync(lifetime);
                await SubscribedAsync(connection);
                return;
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever the browser reports (refused, timed out, the gateway's 502): the answer is to wait and try again.
                if (logger.IsEnabled(LogLevel.Information))
                    logger.LogInformation(e, "Realtime connection attempt {Attempt} failed", attempt);
                SetState(RealtimeState.Reconnecting);
            }

            try
            {
                await Task.Delay(ReconnectDelays.After(attempt), clock, lifetime);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Asks the hub whether this connection is in its groups yet (Ready returns only then), and only after that
    /// tells the listeners, so a catch-up through REST starts when no push can slip past it any more.
    /// </summary>
    async Task SubscribedAsync(HubConnection connection)
    {
        try
        {
            await connection.InvokeAsync(RealtimeMethods.Ready);
        }
        catch (HubException)
        {
            // A backend without Ready: catching up at once is the best there is.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Lost again already: Reconnected comes back here once it is up.
            logger.LogInformation(e, "Realtime connection lost before it was ready");
            return;
        }

        if (connection != _connection)
            return;

        SetState(RealtimeState.Connected);
        await RaiseAsync(Connected, handler => handler());
    }

    async Task RaiseAsync<THandler>(THandler? handlers, Func<THandler, Task> invoke) where THandler : Delegate
    {
        if (handlers is null)
            return;

        foreach (var handler in handlers.GetInvocationList().Cast<THandler>())
        {
            try
            {
                await invoke(handler);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One listener's failure must not stop the others, nor the connection.
                logger.LogError(e, "A realtime listener failed");
            }
        }
    }

    void SetState(RealtimeState state)
    {
        if (State == state)
            return;

        State = state;
        StateChanged?.Invoke();
    }
}
