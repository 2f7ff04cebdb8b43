namespace Squadra.Contracts.NotificationPreferences;

public static class NotificationPauseRules
{
    /// <summary>The furthest a pause may end: a long holiday, not "forever" (turn the kinds off for that).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);
}
