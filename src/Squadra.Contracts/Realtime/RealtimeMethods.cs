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

    /// <summary>To a user's connections when their read state of a chat moved forward (another device read it).</summary>
    public const string ReadState = "readState";

    /// <summary>To a user's connections when they muted or unmuted a chat (on any device).</summary>
    public const string ChatMuted = "chatMuted";

    /// <summary>To a user's connections when they saved or unsaved a message (on any device).</summary>
    public const string MessageSaved = "messageSaved";

    /// <summary>To a user's connections when they paused notifications, moved the pause's end or resumed them (on any device).</summary>
    public const string NotificationsPaused = "notificationsPaused";

    /// <summary>To the connections of those who share a team or DM with a user when that user paused or resumed their notifications.</summary>
    public const string MemberPaused = "memberPaused";

    /// <summary>To the other members' connections when a member types in a chat.</summary>
    public const string Typing = "typing";

    /// <summary>To the users who share a team or DM with someone whose first connection opened or whose last one closed.</summary>
    public const string Presence = "presence";

    /// <summary>Client-to-server: the caller is typing (<c>TypingRequest</c>); at most one in 2 s per connection is passed on.</summary>
    public const string SendTyping = "Typing";

    /// <summary>
    /// Client-to-server: completes once the connection is subscribed to its user's and teams' pushes.
    /// Call it after every (re)connect, then catch up with the REST cursors.
    /// </summary>
    public const string Ready = "Ready";
}
