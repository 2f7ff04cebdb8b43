using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Realtime;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Realtime;

namespace Squadra.Api.Features.ReadState;

/// <summary>
/// Tells every connection of the user on this replica that they read a chat further. A push lost with a crashed replica
/// is not swept: every client reads <c>lastReadSeq</c> again with its teams and DMs after a reconnect.
/// </summary>
internal sealed class ReadStateFanout(IHubContext<RealtimeHub> hub, ConnectionRegistry registry) : IFanoutHandler<ReadStateChanged>
{
    public Task HandleAsync(ReadStateChanged changed, CancellationToken ct)
    {
        if (!registry.IsConnected(changed.UserId))
        {
            return Task.CompletedTask;
        }
        var id = changed.ConversationId.ToString();
        var push = changed.IsDm ? new ReadStatePush(null, id, changed.Seq) : new ReadStatePush(id, null, changed.Seq);
        return hub.Clients.Group(HubGroups.User(changed.UserId)).SendAsync(RealtimeMethods.ReadState, push, ct);
    }
}
