using Squadra.Api.Realtime;
using Squadra.Contracts.Realtime;
using Squadra.Contracts.Saved;

namespace Squadra.Api.Features.Saved;

/// <summary>
/// Tells every connection of the user on this replica that they saved or unsaved a message, or that its reminder
/// changed. A push lost with a crashed
/// replica is not swept: every client reads the saved ids again after a reconnect.
/// </summary>
internal sealed class SavedFanout(UserConnections user) : IFanoutHandler<MessageSaveChanged>
{
    public Task HandleAsync(MessageSaveChanged changed, CancellationToken ct) =>
        user.SendAsync(changed.UserId, RealtimeMethods.MessageSaved, new MessageSavedPush(changed.MessageId.ToString(), changed.Saved) { RemindAt = changed.RemindAt }, ct);
}
