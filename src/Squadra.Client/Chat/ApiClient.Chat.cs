using System.Globalization;
using Squadra.Client.Chat;
using Squadra.Contracts.Chat;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>The newest <paramref name="limit"/> messages, ascending.</summary>
    public Task<ApiResult<List<MessageDto>>> GetNewestMessagesAsync(ChatKey chat, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(chat, string.Create(CultureInfo.InvariantCulture, $"limit={limit}"), ct);

    /// <summary>The newest <paramref name="limit"/> messages older than <paramref name="before"/>, ascending.</summary>
    public Task<ApiResult<List<MessageDto>>> GetMessagesBeforeAsync(ChatKey chat, long before, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(chat, string.Create(CultureInfo.InvariantCulture, $"before={before}&limit={limit}"), ct);

    /// <summary>The oldest <paramref name="limit"/> messages newer than <paramref name="after"/>, ascending.</summary>
    public Task<ApiResult<List<MessageDto>>> GetMessagesAfterAsync(ChatKey chat, long after, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(chat, string.Create(CultureInfo.InvariantCulture, $"after={after}&limit={limit}"), ct);

    /// <summary>The <paramref name="limit"/> messages changed first after change <paramref name="changedAfter"/> (posted, edited, deleted, reacted to), ascending by change.</summary>
    public Task<ApiResult<List<MessageDto>>> GetMessagesChangedAfterAsync(ChatKey chat, long changedAfter, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(chat, string.Create(CultureInfo.InvariantCulture, $"changedAfter={changedAfter}&limit={limit}"), ct);

    public Task<ApiResult<MessageDto>> PostMessageAsync(ChatKey chat, PostMessageRequest request, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Post, chat.MessagesPath, request, signedIn: true, ct, idempotencyKey);

    /// <summary>The thread <paramref name="messageId"/> belongs to: its root, then the replies ascending by seq.</summary>
    public Task<ApiResult<List<MessageDto>>> GetThreadAsync(ChatKey chat, string messageId, CancellationToken ct = default) =>
        SendAsync<List<MessageDto>>(HttpMethod.Get, $"{chat.MessagesPath}/{Uri.EscapeDataString(messageId)}/thread", body: null, signedIn: true, ct);

    public Task<ApiResult<MessageDto>> EditMessageAsync(ChatKey chat, string messageId, EditMessageRequest request, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Patch, $"{chat.MessagesPath}/{Uri.EscapeDataString(messageId)}", request, signedIn: true, ct);

    public Task<ApiResult<object>> DeleteMessageAsync(ChatKey chat, string messageId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"{chat.MessagesPath}/{Uri.EscapeDataString(messageId)}", body: null, signedIn: true, ct);

    /// <summary>
    /// Adds the user's reaction (an emoji or a :shortcode:); already there, the answer is the message as it is. Idempotent
    /// by the contract, so it is tried again when the backend is briefly away.
    /// </summary>
    public Task<ApiResult<MessageDto>> AddReactionAsync(ChatKey chat, string messageId, string emoji, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Put, ReactionPath(chat, messageId, emoji), body: null, signedIn: true, ct, idempotent: true);

    /// <summary>Removes the user's reaction; not there, the answer is the message as it is. Idempotent, as adding is.</summary>
    public Task<ApiResult<MessageDto>> RemoveReactionAsync(ChatKey chat, string messageId, string emoji, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Delete, ReactionPath(chat, messageId, emoji), body: null, signedIn: true, ct, idempotent: true);

    /// <summary>
    /// Pins or unpins the message for everyone in the chat; already so, the answer is the message as it is. Setting a
    /// state, not toggling one, so it is idempotent and tried again when the backend is briefly away.
    /// </summary>
    public Task<ApiResult<MessageDto>> PinMessageAsync(ChatKey chat, string messageId, bool pinned, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Put, $"{chat.MessagesPath}/{Uri.EscapeDataString(messageId)}/pinned", new PinMessageRequest(pinned), signedIn: true, ct, idempotent: true);

    /// <summary>
    /// Makes the user's vote in the message's poll exactly <paramref name="options"/> ([] takes it back). Setting a state,
    /// so it is idempotent and tried again when the backend is briefly away.
    /// </summary>
    public Task<ApiResult<MessageDto>> VoteAsync(ChatKey chat, string messageId, IReadOnlyList<int> options, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Put, $"{chat.MessagesPath}/{Uri.EscapeDataString(messageId)}/poll/votes", new PollVoteRequest(options), signedIn: true, ct, idempotent: true);

    /// <summary>Closes the message's poll or opens it again (its author, an owner or an admin); idempotent, as a vote is.</summary>
    public Task<ApiResult<MessageDto>> SetPollClosedAsync(ChatKey chat, string messageId, bool closed, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Put, $"{chat.MessagesPath}/{Uri.EscapeDataString(messageId)}/poll/closed", new ClosePollRequest(closed), signedIn: true, ct, idempotent: true);

    /// <summary>The chat's pinned messages, the most recently pinned first.</summary>
    public Task<ApiResult<List<MessageDto>>> GetPinnedMessagesAsync(ChatKey chat, CancellationToken ct = default) =>
        SendAsync<List<MessageDto>>(HttpMethod.Get, $"{chat.MessagesPath}/pinned", body: null, signedIn: true, ct);

    Task<ApiResult<List<MessageDto>>> GetMessagesAsync(ChatKey chat, string query, CancellationToken ct) =>
        SendAsync<List<MessageDto>>(HttpMethod.Get, $"{chat.MessagesPath}?{query}", body: null, signedIn: true, ct);

    static string ReactionPath(ChatKey chat, string messageId, string emoji) =>
        $"{chat.MessagesPath}/{Uri.EscapeDataString(messageId)}/reactions/{Uri.EscapeDataString(emoji)}";
}
