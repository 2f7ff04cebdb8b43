using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.NotificationPreferences;

namespace Squadra.Web.Tests;

/// <summary>"Pause notifications" at the top of the bell's panel (PauseMenu, NotificationPause): paused, shown, resumed, kept in step with the other devices, over by itself.</summary>
public sealed class NotificationPauseTests : SquadraTestContext
{
    // A Thursday, 14:10 in Paris; in the past, so the session signed in on the real clock has not expired on this one.
    static readonly DateTimeOffset s_now = new(2026, 12, 3, 13, 10, 0, TimeSpan.Zero);

    readonly ManualClock _clock = new() { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

    public NotificationPauseTests()
    {
        _clock.SetNow(s_now);
        Services.AddSingleton<TimeProvider>(_clock);
    }

    async Task<Bunit.IRenderedComponent<NotificationBell>> RenderBellAsync(DateTimeOffset? pausedUntil = null)
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/me/notification-preferences", HttpStatusCode.OK,
            NotificationPreferencesPanelTests.Defaults with { PausedUntil = pausedUntil });
        var bell = Render<NotificationBell>();
        bell.Find("[data-testid=notification-bell]").Click();
        bell.WaitForAssertion(() => Assert.Single(bell.FindAll("[data-testid=notification-pause]")));
        return bell;
    }

    static string? BellLabel(Bunit.IRenderedComponent<NotificationBell> bell) =>
        bell.Find("[data-testid=notification-bell]").GetAttribute("aria-label");

    [Fact]
    public async Task TheLengthsOfferedEndSoonTomorrowMorningOrNextWeekAndTheChosenOneShowsOnTheBell()
    {
        var bell = await RenderBellAsync();
        Api.Answer(HttpMethod.Put, "/api/me/notification-pause", HttpStatusCode.NoContent);
        Assert.Empty(bell.FindAll("[data-testid=bell-paused]"));

        bell.Find("[data-testid=pause-notifications]").Click();

        Assert.Equal(["For 30 minutes", "For 1 hour", "For 2 hours", "Until tomorrow, 09:00", "Until next week: Mon 7 Dec, 09:00"],
            bell.FindAll("[data-testid=pause-choice]").Select(b => b.TextContent.Trim()));
        bell.FindAll("[data-testid=pause-choice]")[1].Click();

        bell.WaitForAssertion(() => Assert.Equal("Paused until today, 15:10", bell.Find("[data-testid=paused-until]").TextContent.Trim()));
        var sent = JsonSerializer.Deserialize<NotificationPauseRequest>(Api.BodyOf(Api.To(HttpMethod.Put, "/api/me/notification-pause").Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal(s_now.AddHours(1), sent.Until);
        Assert.Single(bell.FindAll("[data-testid=bell-paused]"));
        Assert.Equal("Notifications, paused until today, 15:10", BellLabel(bell));
        Assert.Empty(bell.FindAll("[data-testid=pause-choice]"));
    }

    [Fact]
    public async Task ACustomMomentPausesUntilItAndOneGoneByOrTooFarCannotBeSet()
    {
        var bell = await RenderBellAsync();
        Api.Answer(HttpMethod.Put, "/api/me/notification-pause", HttpStatusCode.NoContent);
        bell.Find("[data-testid=pause-notifications]").Click();

        bell.Find("[data-testid=pause-custom]").Click();

        // It opens at the next full hour but one, in the user's zone (14:10 in Paris).
        Assert.Equal("2026-12-03T16:00", bell.Find("[data-testid=pause-at]").GetAttribute("value"));
        Assert.Equal("Today, 16:00", bell.Find("[data-testid=pause-at] + .words").TextContent);
        bell.Find("[data-testid=pause-at]").Input("2026-12-03T10:00");
        Assert.Equal("Pick a moment still to come.", bell.Find("[data-testid=pause-at] + .words").TextContent);
        Assert.True(bell.Find("[data-testid=pause-set]").HasAttribute("disabled"));
        bell.Find("[data-testid=pause-at]").Input("2028-12-03T10:00");
        Assert.Equal("Pick a moment within a year.", bell.Find("[data-testid=pause-at] + .words").TextContent);
        bell.Find("[data-testid=pause-at]").Input("2026-12-04T21:30");
        Assert.Equal("Tomorrow, 21:30", bell.Find("[data-testid=pause-at] + .words").TextContent);

        bell.Find("[data-testid=pause-set]").Click();

        bell.WaitForAssertion(() => Assert.Equal("Paused until tomorrow, 21:30", bell.Find("[data-testid=paused-until]").TextContent.Trim()));
        var sent = JsonSerializer.Deserialize<NotificationPauseRequest>(Api.BodyOf(Api.To(HttpMethod.Put, "/api/me/notification-pause").Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 21, 30, 0, TimeSpan.FromHours(1)), sent.Until);
    }

    [Fact]
    public async Task ResumingEndsThePauseAtOnce()
    {
        var bell = await RenderBellAsync(pausedUntil: s_now.AddDays(1));
        Api.Answer(HttpMethod.Delete, "/api/me/notification-pause", HttpStatusCode.NoContent);
        bell.WaitForAssertion(() => Assert.Equal("Paused until tomorrow, 14:10", bell.Find("[data-testid=paused-until]").TextContent.Trim()));

        bell.Find("[data-testid=resume-notifications]").Click();

        bell.WaitForAssertion(() => Assert.Single(bell.FindAll("[data-testid=pause-notifications]")));
        Assert.Single(Api.To(HttpMethod.Delete, "/api/me/notification-pause"));
        Assert.Empty(bell.FindAll("[data-testid=bell-paused]"));
        Assert.Equal("Notifications", BellLabel(bell));
    }

    [Fact]
    public async Task APauseFromAnotherDeviceShowsLiveAndEndsByItselfAtItsEnd()
    {
        var bell = await RenderBellAsync();

        await Realtime.PushPauseAsync(new NotificationsPausedPush(s_now.AddMinutes(30)));

        bell.WaitForAssertion(() => Assert.Equal("Paused until today, 14:40", bell.Find("[data-testid=paused-until]").TextContent.Trim()));
        Assert.Single(bell.FindAll("[data-testid=bell-paused]"));

        _clock.Advance(TimeSpan.FromMinutes(30));

        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=bell-paused]")));
        Assert.Single(bell.FindAll("[data-testid=pause-notifications]"));
    }

    [Fact]
    public async Task AfterAReconnectThePauseIsTheServersAgain()
    {
        var bell = await RenderBellAsync(pausedUntil: s_now.AddHours(2));
        bell.WaitForAssertion(() => Assert.Single(bell.FindAll("[data-testid=bell-paused]")));

        // Resumed on another device while this one's connection was down.
        Realtime.Drop();
        Api.Answer(HttpMethod.Get, "/api/me/notification-preferences", HttpStatusCode.OK, NotificationPreferencesPanelTests.Defaults);
        await Realtime.ConnectAsync();

        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=bell-paused]")));
    }

    [Fact]
    public async Task ARefusedPauseSaysWhyAndPausesNothing()
    {
        var bell = await RenderBellAsync();
        Api.AnswerProblem(HttpMethod.Put, "/api/me/notification-pause", HttpStatusCode.BadRequest, "until must be in the future.");

        bell.Find("[data-testid=pause-notifications]").Click();
        bell.FindAll("[data-testid=pause-choice]")[0].Click();

        bell.WaitForAssertion(() => Assert.Contains("until must be in the future", bell.Find("[data-testid=notification-pause] [role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(bell.FindAll("[data-testid=bell-paused]"));
        Assert.Empty(bell.FindAll("[data-testid=paused-until]"));
    }

    [Theory]
    [InlineData("2026-11-29T10:00:00Z", null)] // a Sunday: next week's Monday is tomorrow, offered once
    [InlineData("2026-12-04T10:00:00Z", "Until next week: Mon 7 Dec, 09:00")] // a Friday
    public void UntilNextWeekIsTheComingMondayAndNotOfferedTwice(string now, string? nextWeek)
    {
        _clock.SetNow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var labels = PauseChoices.From(_clock).Select(c => c.Label).ToList();

        Assert.Equal("Until tomorrow, 09:00", labels[3]);
        Assert.Equal(nextWeek, labels.ElementAtOrDefault(4));
    }
}
