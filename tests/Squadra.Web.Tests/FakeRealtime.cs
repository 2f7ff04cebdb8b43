using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Muting;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Presence;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Saved;
using Squadra.Contracts.Typing;

namespace Squadra.Web.Tests;

/// <summary>Stands in for the hub: a test says when the connection is up or down and what the server pushes.</summary>
public sealed class FakeRealtime : IRealtimeConnection
{
    public RealtimeState State { get; private set; }

    public int Starts { get; private set; }

    public int Stops { get; private set; }

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

    /// <summary>The chats the app said the user typed in, in order.</summary>
    public List<ChatKey> TypingSent { get; } = [];

    public Task SendTypingAsync(ChatKey chat)
    {
        TypingSent.Add(chat);
        return Task.CompletedTask;
    }

    public async Task PushReadStateAsync(ReadStatePush push)
    {
        if (ReadStateChanged is { } changed)
            await changed(push);
    }

    public async Task PushMuteAsync(ChatMutedPush push)
    {
        if (ChatMuted is { } muted)
            await muted(push);
    }

    public async Task PushSaveAsync(MessageSavedPush push)
    {
        if (MessageSaved is { } saved)
            await saved(push);
    }

    public async Task PushPauseAsync(NotificationsPausedPush push)
    {
        if (NotificationsPaused is { } paused)
            await paused(push);
    }

    public async Task PushMemberPausedAsync(MemberPausedPush push)
    {
        if (MemberPaused is { } paused)
            await paused(push);
    }

    public async Task PushTypingAsync(TypingPush push)
    {
        if (TypingReceived is { } received)
            await received(push);
    }

    public async Task PushPresenceAsync(PresenceDto presence)
    {
        if (PresenceChanged is { } changed)
            await changed(presence);
    }

    public Task StartAsync()
    {
        Starts++;
        SetState(RealtimeState.Connecting);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Stops++;
        SetState(RealtimeState.Disconnected);
        return Task.CompletedTask;
    }

    public async Task ConnectAsync()
    {
        SetState(RealtimeState.Connected);
        if (Connected is { } connected)
            await connected();
    }

    public void Drop() => SetState(RealtimeState.Reconnecting);

    public async Task PushAsync(NotificationDto notification)
    {
        if (NotificationReceived is { } received)
            await received(notification);
    }

    public async Task PushMessageAsync(MessageDto message)
    {
        if (MessageReceived is { } received)
            await received(message);
    }

    public async Task PushMessageUpdatedAsync(MessageDto message)
    {
        if (MessageUpdated is { } updated)
            await updated(message);
    }

    public async Task PushEventAsync(EventDto changed)
    {
        if (EventChanged is { } handlers)
            await handlers(changed);
    }

    /// <summary>The one push of a change to several occurrences of a series, as the real client raises it: both events.</summary>
    public async Task PushSeriesChangeAsync(EventChangedPush changed)
    {
        await PushEventAsync(changed);
        if (SeriesChanged is { } handlers)
            await handlers(changed);
    }

    void SetState(RealtimeState state)
    {
        State = state;
        StateChanged?.Invoke();
    }
}
