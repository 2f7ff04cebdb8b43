using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.DirectMessages;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.Chat;

/// <summary>
/// Unread chat messages per chat, a team's or a DM's (keyed by its id, ids never collide): the chat's newest seq
/// (<see cref="TeamDto.LastMessageSeq"/>, <see cref="DmDto.LastMessageSeq"/>, raised live by every pushed message)
/// minus how far the user has read it on any device: the server's <see cref="TeamDto.LastReadSeq"/> and
/// <see cref="DmDto.LastReadSeq"/>, raised live by <c>readState</c> pushes and by what this device shows
/// (<see cref="MarkRead"/>). It only ever goes up, as on the server. A muted chat (<see cref="TeamDto.Muted"/>,
/// <see cref="DmDto.Muted"/>) counts nothing: no badge in the lists, nothing in the tab title.
/// </summary>
public sealed class ChatUnread : IUserScoped, IDisposable
{
    readonly IRealtimeConnection _realtime;
    readonly MyTeams _teams;
    readonly MyDms _dms;
    readonly ReadPositionSender _sender;
    readonly Lock _lock = new();
    // Beyond what the lists' DTOs say: their seqs come with the next reload.
    Dictionary<string, long> _read = [];
    Dictionary<string, long> _newest = [];

    public ChatUnread(IRealtimeConnection realtime, MyTeams teams, MyDms dms, ReadPositionSender sender)
    {
        (_realtime, _teams, _dms, _sender) = (realtime, teams, dms, sender);
        realtime.MessageReceived += OnMessageAsync;
        realtime.ReadStateChanged += OnReadStateAsync;
        realtime.Connected += OnConnectedAsync;
    }

    public event Action? Changed;

    public void Reset(string? userId)
    {
        lock (_lock)
        {
            _read = [];
            _newest = [];
        }

        Changed?.Invoke();
    }

    public long Count(TeamDto team) => team.Muted ? 0 : Count(team.Id, team.LastMessageSeq, team.LastReadSeq);

    public long Count(DmDto dm) => dm.Muted ? 0 : Count(dm.Id, dm.LastMessageSeq, dm.LastReadSeq);

    long Count(string chatId, long lastMessageSeq, long lastReadSeq)
    {
        lock (_lock)
        {
            var newest = Math.Max(lastMessageSeq, _newest.GetValueOrDefault(chatId));
            return Math.Max(0, newest - Math.Max(lastReadSeq, _read.GetValueOrDefault(chatId)));
        }
    }

    /// <summary>
    /// How far the user has read the chat on any device (0: not at all): <paramref name="read"/>, what the page's own
    /// copy of the team or DM says, or further if the lists or a push since say so.
    /// </summary>
    public long ReadUpTo(ChatKey chat, long read)
    {
        Raise(chat.Id, read);
        return ReadUpTo(chat);
    }

    long ReadUpTo(ChatKey chat)
    {
        var listed = chat.IsDm ? _dms.Find(chat.Id)?.LastReadSeq : _teams.Teams?.FirstOrDefault(t => t.Id == chat.Id)?.LastReadSeq;
        lock (_lock)
            return Math.Max(listed ?? 0, _read.GetValueOrDefault(chat.Id));
    }

    /// <summary>The user has now been shown the chat up to <paramref name="seq"/>: read, here at once, and on the server soon.</summary>
    public void MarkRead(ChatKey chat, long seq)
    {
        if (seq <= ReadUpTo(chat))
            return;
        Raise(chat.Id, seq);
        _sender.Send(chat, seq);
    }

    void Raise(string chatId, long seq)
    {
        lock (_lock)
        {
            if (seq <= _read.GetValueOrDefault(chatId))
                return;
            _read[chatId] = seq;
        }

        Changed?.Invoke();
    }

    Task OnReadStateAsync(ReadStatePush push)
    {
        if ((push.DmId ?? push.TeamId) is { } chatId)
            Raise(chatId, push.Seq);
        return Task.CompletedTask;
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

    // Pushes missed while the connection was down: the team list's seqs say how many, and how far read elsewhere
    // (MyDms reloads its own).
    Task OnConnectedAsync() => _teams.Teams is null ? Task.CompletedTask : _teams.RefreshAsync();

    public void Dispose()
    {
        _realtime.MessageReceived -= OnMessageAsync;
        _realtime.ReadStateChanged -= OnReadStateAsync;
        _realtime.Connected -= OnConnectedAsync;
    }
}
