using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Realtime;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Typing;

namespace Squadra.Api.Features.Typing;

/// <summary>Pushes "typing" to this replica's connections in the chat's group, but the typist's own.</summary>
internal sealed class TypingFanout(IHubContext<RealtimeHub> hub, ConnectionRegistry registry) : IFanoutHandler<TypingStarted>
{
    public Task HandleAsync(TypingStarted typing, CancellationToken ct)
    {
        var id = typing.ConversationId.ToString();
        var user = new UserDto(typing.UserId.ToString(), typing.Username, typing.DisplayName);
        var push = typing.IsDm ? new TypingPush(null, id, user) : new TypingPush(id, null, user);
        return hub.Clients.GroupExcept(HubGroups.Team(typing.ConversationId), registry.ConnectionsOf(typing.UserId))
            .SendAsync(RealtimeMethods.Typing, push, ct);
    }
}
