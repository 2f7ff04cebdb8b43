namespace Squadra.Contracts.Saved;

public static class SavedRules
{
    /// <summary>
    /// How many messages one person keeps saved: far more than a to-read list holds, and few enough that every device
    /// reads all their ids at once (<c>GET /api/saved/ids</c>) to mark them in the chats.
    /// </summary>
    public const int MaxPerUser = 1000;

    /// <summary>How far ahead a reminder may be set: a year, as far as anyone plans a message's follow-up.</summary>
    public static readonly TimeSpan MaxReminderAhead = TimeSpan.FromDays(366);

    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
}
