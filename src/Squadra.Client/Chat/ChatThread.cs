using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;

namespace Squadra.Client.Chat;

/// <summary>
/// One open thread of a team's <see cref="ChatRoom"/>: its root and replies, read once from the API and then kept live
/// by what the room hears (pushes, catch-ups after a reconnect, the answers to the user's writes). Replies are sent as
/// the room sends messages: shown at once as pending, posted with an Idempotency-Key so "try again" never posts twice.
/// </summary>
public sealed class ChatThread : IDisposable
{
    readonly ChatRoom _room;
    readonly ApiClient _api;
    readonly TimeProvider _clock;
    readonly string _myUserId;
    readonly SortedDictionary<long, MessageDto> _messages = [];
    readonly List<PendingMessage> _pending = [];
    readonly Lock _lock = new();

    public ChatThread(ChatRoom room, string messageId, string myUserId, ApiClient api, TimeProvider clock)
    {
        (_room, RootId, _myUserId, _api, _clock) = (room, messageId, myUserId, api, clock);
        room.Heard += OnHeard;
    }

    /// <summary>The root's id: the one opened, or its root's once the API said it was a reply.</summary>
    public string RootId { get; private set; }

    public event Action? Changed;

    public ApiProblem? Problem { get; private set; }

    public bool IsLoaded { get; private set; }

    public MessageDto? Root => Read(() => _messages.Values.FirstOrDefault(m => m.Id == RootId));

    /// <summary>The replies held, ascending by seq.</summary>
    public IReadOnlyList<MessageDto> Replies => Read(() => (IReadOnlyList<MessageDto>)[.. _messages.Values.Where(m => m.ThreadRootId == RootId)]);

    public IReadOnlyList<PendingMessage> Pending => Read(() => (IReadOnlyList<PendingMessage>)[.. _pending]);

    public async Task LoadAsync()
    {
        var thread = await _api.GetThreadAsync(_room.Key, RootId);
        lock (_lock)
        {
            Problem = thread.Problem;
            if (thread.IsSuccess && thread.Value.Count > 0)
            {
                RootId = thread.Value[0].Id;
                foreach (var message in thread.Value)
                    Put(message);
                IsLoaded = true;
            }
        }

        Changed?.Invoke();
    }

    /// <summary>Shows the reply at once as pending, then posts it, with the files uploaded for it (by their ids).</summary>
    public Task SendAsync(string body, IReadOnlyList<AttachmentDto>? attachments = null)
    {
        var pending = new PendingMessage(ActionKey.NewKey(), body.Trim(), _clock.GetUtcNow(), 0) { Attachments = attachments ?? [] };
        lock (_lock)
        {
            pending = pending with { AfterSeq = _messages.Count > 0 ? _messages.Keys.Last() : 0 };
            _pending.Add(pending);
        }
        Changed?.Invoke();
        return PostAsync(pending);
    }

    public Task RetryAsync(PendingMessage pending)
    {
        Replace(pending.Key, p => p with { Error = null });
        return PostAsync(pending);
    }

    public void Discard(PendingMessage pending)
    {
        lock (_lock)
            _pending.RemoveAll(p => p.Key == pending.Key);
        Changed?.Invoke();
    }

    // The same key and attachment ids on every attempt: the server's idempotency makes a retry post it once.
    async Task PostAsync(PendingMessage pending)
    {
        var key = pending.Key;
        var posted = await _api.PostMessageAsync(_room.Key, new PostMessageRequest(pending.Body, RootId, pending.AttachmentIds), key);
        if (!posted.IsSuccess)
        {
            Replace(key, p => p with { Error = Describe(posted.Problem) });
            return;
        }

        lock (_lock)
        {
            _pending.RemoveAll(p => p.Key == key);
            Put(posted.Value);
        }

        Changed?.Invoke();
        // The room holds the reply too (its seq is the team's), so the timeline's catch-up has no hole to chase.
        _room.Receive(posted.Value);
    }

    static string Describe(ApiProblem problem) =>
        problem.Status is 0 or >= 500 ? "Not sent: Squadra could not be reached."
        : problem.Status == 409 ? "Not sent: the message was deleted."
        : problem.Errors?.GetValueOrDefault("body")?.FirstOrDefault()
          ?? problem.Errors?.GetValueOrDefault("attachmentIds")?.FirstOrDefault() ?? problem.Message;

    void OnHeard(MessageDto message)
    {
        if (message.Id != RootId && message.ThreadRootId != RootId)
            return;

        bool changed;
        lock (_lock)
        {
            changed = Put(message);
            // The push of one's own reply may come before the POST's answer: it stands for the oldest pending one like it.
            if (changed && message.Author.Id == _myUserId && message.ThreadRootId is not null && !message.Deleted)
            {
                var index = _pending.FindIndex(p => p.IsSentAs(message) && message.Seq > p.AfterSeq);
                if (index >= 0)
                    _pending.RemoveAt(index);
            }
        }

        if (changed)
            Changed?.Invoke();
    }

    // As in ChatLog: a deletion is final, otherwise the higher revision (or the later edit) wins.
    bool Put(MessageDto message)
    {
        if (_messages.TryGetValue(message.Seq, out var held) && held.Id == message.Id
            && (held.Deleted || (!message.Deleted && message.Revision <= held.Revision
                && (message.EditedAt ?? DateTimeOffset.MinValue) <= (held.EditedAt ?? DateTimeOffset.MinValue))))
            return false;

        _messages[message.Seq] = message;
        return true;
    }

    void Replace(string key, Func<PendingMessage, PendingMessage> change)
    {
        lock (_lock)
        {
            var index = _pending.FindIndex(p => p.Key == key);
            if (index >= 0)
                _pending[index] = change(_pending[index]);
        }

        Changed?.Invoke();
    }

    T Read<T>(Func<T> read)
    {
        lock (_lock)
            return read();
    }

    public void Dispose() => _room.Heard -= OnHeard;
}
