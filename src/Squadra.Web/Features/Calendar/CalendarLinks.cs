namespace Squadra.Web.Features.Calendar;

/// <summary>
/// "Add to calendar" links for a feed address: webcal:// (which Apple Calendar, Outlook and most phones open as a
/// subscription) and Google Calendar's subscribe page. Each carries the feed's token: the link is the credential.
/// </summary>
public static class CalendarLinks
{
    /// <summary>The same address with its scheme (http or https) replaced by webcal.</summary>
    public static string Webcal(string feedUrl)
    {
        var separator = feedUrl.IndexOf("://", StringComparison.Ordinal);
        return separator < 0 ? feedUrl : "webcal" + feedUrl[separator..];
    }

    /// <summary>Google Calendar's "add by URL" with the webcal address, which it then polls itself.</summary>
    public static string Google(string feedUrl) =>
        "https://calendar.google.com/calendar/r?cid=" + Uri.EscapeDataString(Webcal(feedUrl));
}
