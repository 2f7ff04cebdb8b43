using Squadra.Contracts.Chat;
using Squadra.Web.Components.Dates;

namespace Squadra.Web.Features.Chat;

/// <summary>The day separators of a chat log, in the reader's zone: "Today", "Yesterday", then the date (DateWords.LongDay).</summary>
public static class ChatDays
{
    /// <summary>The label to show above <paramref name="message"/>, or null when it was sent the same day as <paramref name="previous"/>.</summary>
    public static string? Separator(MessageDto message, MessageDto? previous, TimeProvider clock)
    {
        var day = DateWords.LocalDay(message.CreatedAt, clock);
        return previous is not null && DateWords.LocalDay(previous.CreatedAt, clock) == day ? null : DateWords.LongDay(day, clock);
    }
}
