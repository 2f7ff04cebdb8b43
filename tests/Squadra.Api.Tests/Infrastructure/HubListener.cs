using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Squadra.Client.Realtime;
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
using Squadra.Testing;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>A hub connection of Squadra.Client to one replica, recording what it receives; it does not reconnect.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private int _presencePushes;

    private HubListener(HubConnection connection)
    {
        _connection = connection;
        connection.On<NotificationDto>(RealtimeMethods.Notification, n => Notifications.Enqueue(n));
        connection.On<System.Text.Json.JsonElement>(RealtimeMethods.Message, m =>
        {
            // Chat pushes carry a Message; the group-membership probes send plain strings.
            if (m.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                Messages.Enqueue(m.GetString()!);
            }
            else
            {
                ChatMessages.Enqueue(System.Text.Json.JsonSerializer.Deserialize<MessageDto>(m, System.Text.Json.JsonSerializerOptions.Web)!);
            }
        });
        connection.On<MessageDto>(RealtimeMethods.MessageUpdated, m => ChatUpdates.Enqueue(m));
        connection.On<EventChangedPush>(RealtimeMethods.EventChanged, e => Events.Enqueue(e));
        connection.On<ReadStatePush>(RealtimeMethods.ReadState, r => ReadStates.Enqueue(r));
        connection.On<ChatMutedPush>(RealtimeMethods.ChatMuted, m => Mutes.Enqueue(m));
        connection.On<MessageSavedPush>(RealtimeMethods.MessageSaved, s => Saves.Enqueue(s));
        connection.On<NotificationsPausedPush>(RealtimeMethods.NotificationsPaused, p => Pauses.Enqueue(p));
        connection.On<MemberPausedPush>(RealtimeMethods.MemberPaused, p => MemberPauses.Enqueue(p));
        connection.On<TypingPush>(RealtimeMethods.Typing, t => Typing.Enqueue(t));
        connection.On<PresencePush>(RealtimeMethods.Presence, push =>
        {
            Interlocked.Increment(ref _presencePushes);
            foreach (var presence in push.All)
            {
                Presence.Enqueue(presence);
            }
        });
    }

    /// <summary>Connected until the server closes it (or the test disposes it): nothing reconnects here.</summary>
    public HubConnectionState State => _connection.State;

    public ConcurrentQueue<NotificationDto> Notifications { get; } = new();

    /// <summary>Plain-string "message" pushes, which tests send to probe group membership.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    public ConcurrentQueue<MessageDto> ChatMessages { get; } = new();

    public ConcurrentQueue<MessageDto> ChatUpdates { get; } = new();

    public ConcurrentQueue<EventChangedPush> Events { get; } = new();

    public ConcurrentQueue<ReadStatePush> ReadStates { get; } = new();

    public ConcurrentQueue<ChatMutedPush> Mutes { get; } = new();

    public ConcurrentQueue<MessageSavedPush> Saves { get; } = new();

    public ConcurrentQueue<NotificationsPausedPush> Pauses { get; } = new();

    public ConcurrentQueue<MemberPausedPush> MemberPauses { get; } = new();

    public ConcurrentQueue<TypingPush> Typing { get; } = new();

    /// <summary>Every presence change pushed, one by one (a push may carry several).</summary>
    public ConcurrentQueue<PresenceDto> Presence { get; } = new();

    public int PresencePushes => Volatile.Read(ref _presencePushes);

    /// <summary>Sends a typing signal and waits until the hub has handled it (forwarded or dropped).</summary>
    public Task TypingAsync(string? teamId, string? dmId) => _connection.InvokeAsync(RealtimeMethods.SendTyping, new TypingRequest(teamId, dmId));

    public Task<ReadStatePush> WaitForReadStateAsync(Func<ReadStatePush, bool> match, TimeSpan timeout) => WaitForAsync(ReadStates, match, timeout);

    public Task<ChatMutedPush> WaitForMuteAsync(Func<ChatMutedPush, bool> match, TimeSpan timeout) => WaitForAsync(Mutes, match, timeout);

    public Task<MessageSavedPush> WaitForSaveAsync(Func<MessageSavedPush, bool> match, TimeSpan timeout) => WaitForAsync(Saves, match, timeout);

    public Task<NotificationsPausedPush> WaitForPauseAsync(Func<NotificationsPausedPush, bool> match, TimeSpan timeout) => WaitForAsync(Pauses, match, timeout);

    public Task<MemberPausedPush> WaitForMemberPauseAsync(Func<MemberPausedPush, bool> match, TimeSpan timeout) => WaitForAsync(MemberPauses, match, timeout);

    public Task<TypingPush> WaitForTypingAsync(Func<TypingPush, bool> match, TimeSpan timeout) => WaitForAsync(Typing, match, timeout);

    public Task<PresenceDto> WaitForPresenceAsync(Func<PresenceDto, bool> match, TimeSpan timeout) => WaitForAsync(Presence, match, timeout);

    private static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> pushes, Func<T, bool> match, TimeSpan timeout) where T : class =>
        await Eventually.FindAsync(() => pushes.FirstOrDefault(match), timeout)
        ?? throw new TimeoutException($"No matching {typeof(T).Name} within {timeout}; got: {string.Join(", ", pushes)}");

    public async Task<EventChangedPush> WaitForEventAsync(Func<EventChangedPush, bool> match, TimeSpan timeout) =>
        await Eventually.FindAsync(() => Events.FirstOrDefault(match), timeout)
        ?? throw new TimeoutException($"No matching eventChanged within {timeout}");

    public async Task<MessageDto> WaitForMessageAsync(Func<MessageDto, bool> match, TimeSpan timeout) =>
        await Eventually.FindAsync(() => ChatMessages.FirstOrDefault(match), timeout)
        ?? throw new TimeoutException($"No matching message within {timeout}");

    public async Task<MessageDto> WaitForUpdateAsync(Func<MessageDto, bool> match, TimeSpan timeout) =>
        await Eventually.FindAsync(() => ChatUpdates.FirstOrDefault(match), timeout)
        ?? throw new TimeoutException($"No matching update within {timeout}");

    public static async Task<HubListener> ConnectAsync(HttpClient replica, string token)
    {
        var listener = new HubListener(HubConnections.Create(replica.BaseAddress!, () => token));
        await listener._connection.StartSubscribedAsync();
        return listener;
    }

    public async Task<NotificationDto> WaitForNotificationAsync(Func<NotificationDto, bool> match, TimeSpan timeout) =>
        await Eventually.FindAsync(() => Notifications.FirstOrDefault(match), timeout)
        ?? throw new TimeoutException($"No matching notification within {timeout}; got: {string.Join(", ", Notifications.Select(n => n.Type))}");

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

public static class HubListenerExtensions
{
    public static async Task WaitForMessageAsync(this HubListener listener, string payload, TimeSpan timeout)
    {
        if (!await Eventually.FindAsync(() => listener.Messages.Contains(payload), timeout))
        {
            throw new TimeoutException($"'{payload}' did not arrive within {timeout}");
        }
    }
}
