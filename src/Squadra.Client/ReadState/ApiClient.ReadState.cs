using Squadra.Client.Chat;
using Squadra.Contracts.ReadState;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>
    /// Records that the user has read <paramref name="chat"/> up to <paramref name="seq"/>, for all their devices. It never
    /// moves backwards, so it is idempotent and tried again when the backend is briefly away.
    /// </summary>
    public Task<ApiResult<object>> MarkReadAsync(ChatKey chat, long seq, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Put, $"{chat.Path}/read", new MarkReadRequest(seq), signedIn: true, ct, idempotent: true);
}
