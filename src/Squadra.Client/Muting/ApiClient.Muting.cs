using Squadra.Client.Chat;
using Squadra.Contracts.Muting;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>
    /// Mutes or unmutes <paramref name="chat"/> for the user, on all their devices. Setting a state, not toggling one,
    /// so it is idempotent and tried again when the backend is briefly away.
    /// </summary>
    public Task<ApiResult<object>> MuteAsync(ChatKey chat, bool muted, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Put, $"{chat.Path}/mute", new MuteRequest(muted), signedIn: true, ct, idempotent: true);
}
