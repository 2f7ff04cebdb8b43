using System.Globalization;
using Squadra.Contracts.Chat;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>The newest <paramref name="limit"/> messages, ascending.</summary>
    public Task<ApiResult<List<MessageDto>>> GetNewestMessagesAsync(string teamId, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(teamId, string.Create(CultureInfo.InvariantCulture, $"limit={limit}"), ct);

    /// <summary>The newest <paramref name="limit"/> messages older than <paramref name="before"/>, ascending.</summary>
    public Task<ApiResult<List<MessageDto>>> GetMessagesBeforeAsync(string teamId, long before, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(teamId, string.Create(CultureInfo.InvariantCulture, $"before={before}&limit={limit}"), ct);

    /// <summary>The oldest <paramref name="limit"/> messages newer than <paramref name="after"/>, ascending.</summary>
    public Task<ApiResult<List<MessageDto>>> GetMessagesAfterAsync(string teamId, long after, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(teamId, string.Create(CultureInfo.InvariantCulture, $"after={after}&limit={limit}"), ct);

    /// <summary>The <paramref name="limit"/> messages changed first after change <paramref name="changedAfter"/> (posted, edited, deleted, reacted to), ascending by change.</summary>
    public Task<ApiResult<List<MessageDto>>> GetMessagesChangedAfterAsync(string teamId, long changedAfter, int limit, CancellationToken ct = default) =>
        GetMessagesAsync(teamId, string.Create(CultureInfo.InvariantCulture, $"changedAfter={changedAfter}&limit={limit}"), ct);

    public Task<ApiResult<MessageDto>> PostMessageAsync(string teamId, PostMessageRequest request, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Post, MessagesPath(teamId), request, signedIn: true, ct, idempotencyKey);

    /// <summary>The thread <paramref name="messageId"/> belongs to: its root, then the replies ascending by seq.</summary>
    public Task<ApiResult<List<MessageDto>>> GetThreadAsync(string teamId, string messageId, CancellationToken ct = default) =>
        SendAsync<List<MessageDto>>(HttpMethod.Get, $"{MessagesPath(teamId)}/{Uri.EscapeDataString(messageId)}/thread", body: null, signedIn: true, ct);

    public Task<ApiResult<MessageDto>> EditMessageAsync(string teamId, string messageId, EditMessageRequest request, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Patch, $"{MessagesPath(teamId)}/{Uri.EscapeDataString(messageId)}", request, signedIn: true, ct);

    public Task<ApiResult<object>> DeleteMessageAsync(string teamId, string messageId, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"{MessagesPath(teamId)}/{Uri.EscapeDataString(messageId)}", body: null, signedIn: true, ct);

    /// <summary>
    /// Adds the user's reaction (an emoji or a :shortcode:); already there, the answer is the message as it is. Idempotent
    /// by the contract, so it is tried again when the backend is briefly away.
    /// </summary>
    public Task<ApiResult<MessageDto>> AddReactionAsync(string teamId, string messageId, string emoji, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Put, ReactionPath(teamId, messageId, emoji), body: null, signedIn: true, ct, idempotent: true);

    /// <summary>Removes the user's reaction; not there, the answer is the message as it is. Idempotent, as adding is.</summary>
    public Task<ApiResult<MessageDto>> RemoveReactionAsync(string teamId, string messageId, string emoji, CancellationToken ct = default) =>
        SendAsync<MessageDto>(HttpMethod.Delete, ReactionPath(teamId, messageId, emoji), body: null, signedIn: true, ct, idempotent: true);

    Task<ApiResult<List<MessageDto>>> GetMessagesAsync(string teamId, string query, CancellationToken ct) =>
        SendAsync<List<MessageDto>>(HttpMethod.Get, $"{MessagesPath(teamId)}?{query}", body: null, signedIn: true, ct);

    static string MessagesPath(string teamId) => $"{TeamPath(teamId)}/messages";

    static string ReactionPath(string teamId, string messageId, string emoji) =>
        $"{MessagesPath(teamId)}/{Uri.EscapeDataString(messageId)}/reactions/{Uri.EscapeDataString(emoji)}";
}
