namespace Squadra.Web.Tests;

public sealed class CalendarLinksTests
{
    [Fact]
    public void TheFeedsAddToCalendarLinksKeepTheWholeAddress()
    {
        const string feed = "https://squadra.example/api/teams/t-1/events.ics?token=a+b";

        Assert.Equal("webcal://squadra.example/api/teams/t-1/events.ics?token=a+b", CalendarLinks.Webcal(feed));
        Assert.Equal("https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fsquadra.example%2Fapi%2Fteams%2Ft-1%2Fevents.ics%3Ftoken%3Da%2Bb",
            CalendarLinks.Google(feed));
    }
}
