using System.Globalization;
using Squadra.Client.Events;
using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat;

/// <summary>The day separators of a chat log, in the reader's zone: "Today", "Yesterday", then the date.</summary>
public static class ChatDays
{
    /// <summary>The label to show above <paramref name="message"/>, or null when it was sent the same day as <paramref name="previous"/>.</summary>
    public static string? Separator(MessageDto message, MessageDto? previous, TimeProvider clock)
    {
        var zone = clock.LocalTimeZone;
        var day = EventInstants.ToLocal(message.CreatedAt, zone).Date;
        if (previous is not null && EventInstants.ToLocal(previous.CreatedAt, zone).Date == day)
            return null;

        var today = EventInstants.ToLocal(clock.GetUtcNow(), zone).Date;
        return day == today ? "Today"
            : day == today.AddDays(-1) ? "Yesterday"
            : day.ToString(day.Year == today.Year ? "dddd d MMMM" : "dddd d MMMM yyyy", CultureInfo.InvariantCulture);
    }
}
