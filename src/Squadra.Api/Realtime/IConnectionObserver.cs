namespace Squadra.Api.Realtime;

/// <summary>
/// A feature that keeps state for this replica's connected users (the groups they are in, the cursor of what was
/// pushed to them). Called in registration order.
/// </summary>
internal interface IConnectionObserver
{
    /// <summary>
    /// A connection of <paramref name="userId"/> opened (it is in <see cref="ConnectionRegistry"/> already). Runs before
    /// the client's "Ready" returns, so the client's catch-up through REST comes after whatever this sets up.
    /// </summary>
    Task OnConnectedAsync(Guid userId, string connectionId, CancellationToken ct);

    /// <summary>The user's last connection on this replica closed (a new one may have opened since: check the registry).</summary>
    void OnUserGone(Guid userId);
}
