using Squadra.Api.Realtime;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.ReadState;

/// <summary>
/// Tells every connection of the user on this replica that they read a chat further. A push lost with a crashed replica
/// is not swept: every client reads <c>lastReadSeq</c> again with its teams and DMs after a reconnect.
/// </summary>
internal sealed class ReadStateFanout(UserConnections user) : IFanoutHandler<ReadStateChanged>
{
    public Task HandleAsync(ReadStateChanged changed, CancellationToken ct)
    {
        var id = changed.ConversationId.ToString();
        var push = changed.IsDm ? new ReadStatePush(null, id, changed.Seq) : new ReadStatePush(id, null, changed.Seq);
        return user.SendAsync(changed.UserId, RealtimeMethods.ReadState, push, ct);
    }
}
