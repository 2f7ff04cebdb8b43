namespace Squadra.Contracts.Realtime;

/// <summary>The hub's path and the names of its server-to-client methods, exactly as spec/api.md writes them.</summary>
public static class RealtimeMethods
{
    public const string HubPath = "/hubs/realtime";

    public const string Notification = "notification";
    public const string Message = "message";
    public const string MessageUpdated = "messageUpdated";

    /// <summary>To the team's group whenever one of its events is created, changed, cancelled or answered (RSVP counts); myRsvp is null.</summary>
    public const string EventChanged = "eventChanged";

    /// <summary>
    /// Client-to-server: completes once the connection is subscribed to its user's and teams' pushes.
    /// Call it after every (re)connect, then catch up with the REST cursors.
    /// </summary>
    public const string Ready = "Ready";
}
