using Squadra.Client.Chat;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Muting;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Presence;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Saved;
using Squadra.Contracts.Typing;

namespace Squadra.Client.Realtime;

public enum RealtimeState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}

/// <summary>
/// The signed-in user's live channel to the backend: one event per server-to-client method, and
/// <see cref="Connected"/> after every connect and reconnect, which is when a listener catches up through REST.
/// An interface so components and the catch-up logic can be tested without a hub.
/// </summary>
public interface IRealtimeConnection
{
    RealtimeState State { get; }

    event Action? StateChanged;

    /// <summary>Raised once the (new) connection is subscribed: anything committed from now on is pushed.</summary>
    event Func<Task>? Connected;

    event Func<NotificationDto, Task>? NotificationReceived;

    /// <summary>A new chat message in one of the user's teams.</summary>
    event Func<MessageDto, Task>? MessageReceived;

    /// <summary>A chat message edited or deleted.</summary>
    event Func<MessageDto, Task>? MessageUpdated;

    /// <summary>A team event created, changed, cancelled or answered; its <c>myRsvp</c> is null (the push is the same for everyone).</summary>
    event Func<EventDto, Task>? EventChanged;

    /// <summary>
    /// After <see cref="EventChanged"/>, when its push stood for several occurrences of a series (made, or changed or
    /// cancelled "following" or "all"): only the occurrence the change was made on was pushed, the others are to be read.
    /// </summary>
    event Func<EventChangedPush, Task>? SeriesChanged;

    /// <summary>The user read a chat further on another device (or this one): its unread count is to be lowered.</summary>
    event Func<ReadStatePush, Task>? ReadStateChanged;

    /// <summary>The user muted or unmuted a chat on another device (or this one).</summary>
    event Func<ChatMutedPush, Task>? ChatMuted;

    /// <summary>The user saved or unsaved a message on another device (or this one).</summary>
    event Func<MessageSavedPush, Task>? MessageSaved;

    /// <summary>The user paused or resumed their notifications on another device (or this one).</summary>
    event Func<NotificationsPausedPush, Task>? NotificationsPaused;

    /// <summary>Someone who shares a team or DM with the user paused or resumed their notifications.</summary>
    event Func<MemberPausedPush, Task>? MemberPaused;

    /// <summary>Another member is typing in one of the user's chats.</summary>
    event Func<TypingPush, Task>? TypingReceived;

    /// <summary>Someone who shares a team or DM with the user came online or went offline.</summary>
    event Func<PresenceDto, Task>? PresenceChanged;

    /// <summary>Tells the other members the user is typing in <paramref name="chat"/>; nothing when not connected (it is a hint).</summary>
    Task SendTypingAsync(ChatKey chat);

    /// <summary>Starts connecting, for the current session's user, and keeps trying until stopped.</summary>
    Task StartAsync();

    Task StopAsync();
}
