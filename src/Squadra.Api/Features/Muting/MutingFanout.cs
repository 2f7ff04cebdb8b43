using Squadra.Api.Realtime;
using Squadra.Contracts.Muting;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.Muting;

/// <summary>
/// Tells every connection of the user on this replica that they muted or unmuted a chat. A push lost with a crashed
/// replica is not swept: every client reads <c>muted</c> again with its teams and DMs after a reconnect.
/// </summary>
internal sealed class MutingFanout(UserConnections user) : IFanoutHandler<ChatMuteChanged>
{
    public Task HandleAsync(ChatMuteChanged changed, CancellationToken ct)
    {
        var id = changed.ConversationId.ToString();
        var push = changed.IsDm ? new ChatMutedPush(null, id, changed.Muted) : new ChatMutedPush(id, null, changed.Muted);
        return user.SendAsync(changed.UserId, RealtimeMethods.ChatMuted, push, ct);
    }
}
