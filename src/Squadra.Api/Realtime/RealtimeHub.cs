using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Squadra.Api.Auth;
using Squadra.Contracts.Typing;

namespace Squadra.Api.Realtime;

/// <summary>
/// Server-to-client, but for <see cref="Ready"/> and the signals clients send (<see cref="Typing"/>). A connection joins its user's group; the features observing
/// connections (<see cref="IConnectionObserver"/>) put it in the groups of the user's teams and note what was pushed.
/// </summary>
[Authorize]
internal sealed class RealtimeHub(
    ConnectionRegistry registry,
    TokenConnections tokens,
    IEnumerable<IConnectionObserver> observers,
    IAnnouncementChannel channel,
    IClientSignalHandler<TypingRequest> typing) : Hub
{
    public override async Task OnConnectedAsync()
    {
        var userId = Context.User!.UserId();
        var ct = Context.ConnectionAborted;
        registry.Add(userId, Context.ConnectionId);
        tokens.Add(Context.User!.TokenId(), Context);
        try
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(userId), ct);
            foreach (var observer in observers)
            {
                await observer.OnConnectedAsync(userId, Context.ConnectionId, ct);
            }
            // With a broker, the subjects of this user and their teams are subscribed before Ready can return.
            await channel.SubscribedAsync(ct);
            await base.OnConnectedAsync();
        }
        catch
        {
            // SignalR closes a connection whose OnConnectedAsync threw without calling OnDisconnectedAsync
            // (HubConnectionHandler.RunHubAsync): undone here, or it stays registered for the replica's lifetime.
            Forget(userId);
            throw;
        }
    }

    /// <summary>
    /// Returns once this connection is subscribed (its groups, and the broker's subjects of its topics): SignalR runs a
    /// client's invocations only after OnConnectedAsync has finished. A client catches up through REST after this, never before,
    /// so nothing committed in between can slip past both the push and the catch-up.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "SignalR invokes instance methods only.")]
    public Task Ready() => Task.CompletedTask;

    /// <summary>The caller is typing in a chat; the Typing feature decides whether and to whom it goes on.</summary>
    public Task Typing(TypingRequest request) => typing.HandleAsync(Context, request);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        Forget(Context.User!.UserId());
        return base.OnDisconnectedAsync(exception);
    }

    private void Forget(Guid userId)
    {
        tokens.Remove(Context.User!.TokenId(), Context.ConnectionId);
        if (registry.Remove(userId, Context.ConnectionId))
        {
            foreach (var observer in observers)
            {
                observer.OnUserGone(userId);
            }
        }
    }
}
