using System.Text.Json;
using Microsoft.JSInterop;
using Squadra.Client.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.Chat;

/// <summary>
/// Unread chat messages per chat, a team's or a DM's (keyed by its id, ids never collide): the chat's newest seq
/// (<see cref="TeamDto.LastMessageSeq"/>, <see cref="DmDto.LastMessageSeq"/>, raised live by every pushed message)
/// minus the last seq the user has seen there. "Seen" is kept per user in localStorage, so it
/// survives a reload; several tabs merge theirs, the highest wins.
/// </summary>
public sealed class ChatUnread : IUserScoped, IDisposable
{
    internal const string StoragePrefix = "squadra.chat.seen.";

    readonly IJSRuntime _js;
    readonly IRealtimeConnection _realtime;
    readonly MyTeams _teams;
    readonly Lock _lock = new();
    Dictionary<string, long> _seen = [];
    Dictionary<string, long> _newest = [];
    string? _userId;
    Task _loading = Task.CompletedTask;

    public ChatUnread(IJSRuntime js, IRealtimeConnection realtime, MyTeams teams)
    {
        (_js, _realtime, _teams) = (js, realtime, teams);
        realtime.MessageReceived += OnMessageAsync;
        realtime.Connected += OnConnectedAsync;
    }

    public event Action? Changed;

    /// <summary>What the signed-in user has seen is read (from localStorage) once this completes.</summary>
    public Task EnsureLoadedAsync()
    {
        lock (_lock)
            return _loading;
    }

    public void Reset(string? userId)
    {
        lock (_lock)
        {
            _userId = userId;
            _seen = [];
            _newest = [];
            _loading = userId is null ? Task.CompletedTask : LoadAsync(userId);
        }

        Changed?.Invoke();
    }

    public long Count(TeamDto team) => Count(team.Id, team.LastMessageSeq);

    public long Count(DmDto dm) => Count(dm.Id, dm.LastMessageSeq);

    /// <param name="lastMessageSeq">The newest seq the chat's list entry knows of; a pushed one may be newer.</param>
    public long Count(string chatId, long lastMessageSeq)
    {
        lock (_lock)
        {
            var newest = Math.Max(lastMessageSeq, _newest.GetValueOrDefault(chatId));
            return Math.Max(0, newest - _seen.GetValueOrDefault(chatId));
        }
    }

    /// <summary>The last seq the user has seen in the chat (0: never opened here).</summary>
    public long Seen(string chatId)
    {
        lock (_lock)
            return _seen.GetValueOrDefault(chatId);
    }

    /// <summary>The user has now seen the chat, a team's or a DM's, up to <paramref name="seq"/>.</summary>
    public void MarkSeen(string chatId, long seq)
    {
        string? userId;
        lock (_lock)
        {
            if (_userId is null || seq <= _seen.GetValueOrDefault(chatId))
                return;
            _seen[chatId] = seq;
            userId = _userId;
        }

        Changed?.Invoke();
        _ = SaveAsync(userId);
    }

    async Task LoadAsync(string userId)
    {
        var stored = await ReadAsync(userId);
        lock (_lock)
        {
            if (userId != _userId)
                return;
            foreach (var (teamId, seq) in stored)
                _seen[teamId] = Math.Max(seq, _seen.GetValueOrDefault(teamId));
        }

        Changed?.Invoke();
    }

    // Merged with what is stored, so another tab's progress is not overwritten.
    async Task SaveAsync(string userId)
    {
        try
        {
            await _loading;
            var stored = await ReadAsync(userId);
            Dictionary<string, long> merged;
            lock (_lock)
            {
                if (userId != _userId)
                    return;
                foreach (var (teamId, seq) in stored)
                    _seen[teamId] = Math.Max(seq, _seen.GetValueOrDefault(teamId));
                merged = new(_seen);
            }

            await _js.InvokeVoidAsync("localStorage.setItem", StoragePrefix + userId, JsonSerializer.Serialize(merged));
        }
        catch (JSException)
        {
            // Storage full or disabled: the counts still work for this visit.
        }
    }

    async Task<Dictionary<string, long>> ReadAsync(string userId)
    {
        try
        {
            var json = await _js.InvokeAsync<string?>("localStorage.getItem", StoragePrefix + userId);
            return json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [];
        }
        catch (Exception e) when (e is JsonException or JSException)
        {
            return [];
        }
    }

    Task OnMessageAsync(MessageDto message)
    {
        lock (_lock)
        {
            if (message.Seq <= _newest.GetValueOrDefault(message.ConversationId))
                return Task.CompletedTask;
            _newest[message.ConversationId] = message.Seq;
        }

        Changed?.Invoke();
        return Task.CompletedTask;
    }

    // Pushes missed while the connection was down: the team list's newest seqs say how many (MyDms reloads its own).
    Task OnConnectedAsync() => _teams.Teams is null ? Task.CompletedTask : _teams.RefreshAsync();

    public void Dispose()
    {
        _realtime.MessageReceived -= OnMessageAsync;
        _realtime.Connected -= OnConnectedAsync;
    }
}
