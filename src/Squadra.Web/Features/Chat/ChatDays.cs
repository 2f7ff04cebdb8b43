using Squadra.Contracts.Chat;
using Squadra.Web.Components.Dates;

namespace Squadra.Web.Features.Chat;

/// <summary>The day separators of a chat log, in the reader's zone: "Today", "Yesterday", then the date (When.LongDay).</summary>
public static class ChatDays
{
    /// <summary>The label to show above <paramref name="message"/>, or null when it was sent the same day as <paramref name="previous"/>.</summary>
    public static string? Separator(MessageDto message, MessageDto? previous, TimeProvider clock)
    {
        var day = When.LocalDay(message.CreatedAt, clock);
        return previous is not null && When.LocalDay(previous.CreatedAt, clock) == day ? null : When.LongDay(day, clock);
    }
}
