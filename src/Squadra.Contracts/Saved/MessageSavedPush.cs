namespace Squadra.Contracts.Saved;

/// <summary>
/// Pushed to every connection of a user (any replica, any device) when they saved or unsaved a message, set or removed
/// its reminder, or its reminder went off (then <see cref="RemindAt"/> is null again).
/// </summary>
public sealed record MessageSavedPush(string MessageId, bool Saved)
{
    /// <summary>When the saved message's reminder goes off; null when it has none.</summary>
    public DateTimeOffset? RemindAt { get; init; }
}
