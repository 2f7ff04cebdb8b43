using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;

namespace Squadra.Client.Chat;

// The user's own writes: sent with a key each (shown at once as pending), edits and deletions.
public sealed partial class ChatRoom
{
    /// <summary>
    /// Shows the message at once as pending, then posts it, with the files uploaded for it (by their ids), or the poll
    /// its text asks.
    /// </summary>
    public Task SendAsync(string body, IReadOnlyList<AttachmentDto>? attachments = null, PollRequest? poll = null)
    {
        var key = ActionKey.NewKey();
        PendingMessage pending;
        lock (_lock)
            pending = _log.AddPending(key, body.Trim(), _clock.GetUtcNow(), attachments, poll);
        Changed?.Invoke();
        return PostAsync(pending);
    }

    /// <summary>Sends a failed message again with the same key: if the first attempt got through after all, it is not posted twice.</summary>
    public Task RetryAsync(PendingMessage pending)
    {
        lock (_lock)
            _log.Retrying(pending.Key);
        Changed?.Invoke();
        return PostAsync(pending);
    }

    public void Discard(PendingMessage pending)
    {
        lock (_lock)
            _log.Discard(pending.Key);
        Changed?.Invoke();
    }

    // The key and the attachment ids are the same on every attempt: the server's idempotency makes a retry post it once.
    async Task PostAsync(PendingMessage pending)
    {
        var key = pending.Key;
        var posted = await _api.PostMessageAsync(Key, new PostMessageRequest(pending.Body, AttachmentIds: pending.AttachmentIds, Poll: pending.Poll), key);
        bool hole;
        lock (_lock)
        {
            if (posted.IsSuccess)
                _log.Confirm(key, posted.Value);
            else
                _log.Fail(key, Describe(posted.Problem));
            hole = _log.HasHole;
        }

        Changed?.Invoke();
        if (hole)
            _ = CatchUpAsync();
    }

    static string Describe(ApiProblem problem) =>
        problem.Status is 0 or >= 500 ? "Not sent: Squadra could not be reached."
        : problem.Errors?.GetValueOrDefault("body")?.FirstOrDefault()
          ?? problem.Errors?.GetValueOrDefault("attachmentIds")?.FirstOrDefault()
          ?? problem.Errors?.GetValueOrDefault("poll.options")?.FirstOrDefault() ?? problem.Message;

    /// <summary>Edits one's own message; returns the problem, if any, for the editor to show.</summary>
    public async Task<ApiProblem?> EditAsync(MessageDto message, string body)
    {
        var edited = await _api.EditMessageAsync(Key, message.Id, new EditMessageRequest(body.Trim()));
        if (edited.IsSuccess)
            Apply(edited.Value);
        return edited.Problem;
    }

    /// <summary>Deletes a message: it stays in the history as "message deleted".</summary>
    public async Task<ApiProblem?> DeleteAsync(MessageDto message)
    {
        var deleted = await _api.DeleteMessageAsync(Key, message.Id);
        if (deleted.IsSuccess)
            Apply(AsDeleted(message));
        return deleted.Problem;
    }

    // The deletion answers no content: the message as the server now shows it, with nothing of what it said or carried
    // (a deletion also unpins it, so the pinned bar drops it at once).
    static MessageDto AsDeleted(MessageDto message) => message with
    {
        Deleted = true,
        Body = "",
        Reactions = [],
        Mentions = [],
        MentionsAll = false,
        Attachments = [],
        Poll = null,
        PinnedAt = null,
        PinnedBy = null,
    };

    /// <summary>Adds or removes the user's reaction; the answer (the message as it is now) is shown at once.</summary>
    public async Task<ApiProblem?> SetReactionAsync(MessageDto message, string emoji, bool on) =>
        Applied(on
            ? await _api.AddReactionAsync(Key, message.Id, emoji)
            : await _api.RemoveReactionAsync(Key, message.Id, emoji));

    /// <summary>Pins or unpins the message for everyone in the chat; the answer is shown at once.</summary>
    public async Task<ApiProblem?> SetPinnedAsync(MessageDto message, bool pinned) =>
        Applied(await _api.PinMessageAsync(Key, message.Id, pinned));

    /// <summary>Makes the user's vote in the message's poll exactly <paramref name="options"/>; the answer is shown at once.</summary>
    public async Task<ApiProblem?> VoteAsync(MessageDto message, IReadOnlyList<int> options) =>
        Applied(await _api.VoteAsync(Key, message.Id, options));

    /// <summary>Closes the message's poll or opens it again; the answer is shown at once.</summary>
    public async Task<ApiProblem?> SetPollClosedAsync(MessageDto message, bool closed) =>
        Applied(await _api.SetPollClosedAsync(Key, message.Id, closed));

    ApiProblem? Applied(ApiResult<MessageDto> answer)
    {
        if (answer.IsSuccess)
            Apply(answer.Value);
        return answer.Problem;
    }

    void Apply(MessageDto message)
    {
        lock (_lock)
            _log.Merge(message);
        Heard?.Invoke(message);
        Changed?.Invoke();
    }
}
