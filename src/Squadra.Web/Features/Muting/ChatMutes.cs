using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Muting;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.DirectMessages;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.Muting;

/// <summary>
/// Which chats the user muted: the <c>muted</c> of their teams and DMs (<see cref="MyTeams"/>, <see cref="MyDms"/>),
/// changed here and kept in step with the user's other devices by <c>chatMuted</c> pushes. A push missed while the
/// connection was down comes with the lists' reload after the reconnect. Muted chats count nothing unread
/// (<see cref="Chat.ChatUnread"/>); the server sends a muted DM's messages as no notification.
/// </summary>
public sealed class ChatMutes : IUserScoped, IDisposable
{
    readonly ApiClient _api;
    readonly IRealtimeConnection _realtime;
    readonly MyTeams _teams;
    readonly MyDms _dms;

    public ChatMutes(ApiClient api, IRealtimeConnection realtime, MyTeams teams, MyDms dms)
    {
        (_api, _realtime, _teams, _dms) = (api, realtime, teams, dms);
        realtime.ChatMuted += OnPushAsync;
    }

    public bool IsMuted(ChatKey chat) => chat.IsDm
        ? _dms.Find(chat.Id)?.Muted == true
        : _teams.Teams?.FirstOrDefault(t => t.Id == chat.Id)?.Muted == true;

    /// <summary>Mutes or unmutes the chat on the server, then here; the problem when the server refused.</summary>
    public async Task<ApiProblem?> SetAsync(ChatKey chat, bool muted)
    {
        var result = await _api.MuteAsync(chat, muted);
        if (!result.IsSuccess)
            return result.Problem;

        Apply(chat, muted);
        return null;
    }

    void Apply(ChatKey chat, bool muted)
    {
        if (chat.IsDm)
        {
            if (_dms.Find(chat.Id) is { } dm && dm.Muted != muted)
                _dms.Put(dm with { Muted = muted });
        }
        else if (_teams.Teams?.FirstOrDefault(t => t.Id == chat.Id) is { } team && team.Muted != muted)
        {
            _teams.Put(team with { Muted = muted });
        }
    }

    Task OnPushAsync(ChatMutedPush push)
    {
        if (push.DmId is { } dmId)
            Apply(ChatKey.Dm(dmId), push.Muted);
        else if (push.TeamId is { } teamId)
            Apply(ChatKey.Team(teamId), push.Muted);
        return Task.CompletedTask;
    }

    // Nothing of its own to forget: the lists hold the state.
    public void Reset(string? userId)
    {
    }

    public void Dispose() => _realtime.ChatMuted -= OnPushAsync;
}
