using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Saved;
using Squadra.Web.Features.Saved;

namespace Squadra.Web.Tests;

/// <summary>Reminders of saved messages on the Saved page (ReminderMenu, ReminderChoices): set, moved, removed, kept in step with the other devices.</summary>
public sealed class SavedRemindersTests : SquadraTestContext
{
    // A Thursday, 14:10 in Paris; in the past, so the session signed in on the real clock has not expired on this one.
    static readonly DateTimeOffset s_now = new(2026, 12, 3, 13, 10, 0, TimeSpan.Zero);

    static readonly string[] s_kitListOnly = ["m-1"];
    static readonly string[] s_bothStillSaved = ["m-7", "m-3"];

    readonly ManualClock _clock = new() { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

    public SavedRemindersTests()
    {
        _clock.SetNow(s_now);
        Services.AddSingleton<TimeProvider>(_clock);
    }

    static MessageDto Message(long seq, UserDto author, string body) =>
        new($"m-{seq}", "t-1", seq, author, body, s_now.AddDays(-1), null, false);

    async Task<Bunit.IRenderedComponent<SavedPage>> RenderSavedAsync(params SavedMessageDto[] items)
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, items)
            .Answer(HttpMethod.Get, "/api/saved/ids", HttpStatusCode.OK, items.Select(i => i.Message.Id).ToArray());
        var page = Render<SavedPage>();
        page.WaitForAssertion(() => Assert.Equal(items.Length, page.FindAll("[data-testid=saved-item]").Count));
        return page;
    }

    static string ReminderButton(Bunit.IRenderedComponent<SavedPage> page) =>
        page.Find("[data-testid=reminder-menu]").TextContent.Trim();

    [Fact]
    public async Task TheMenuOffersSoonLaterTomorrowMorningAndNextWeekAndTheChosenOneShowsOnTheButton()
    {
        var page = await RenderSavedAsync(new SavedMessageDto(Message(7, Bob, "Send the league the report"), "Band", s_now));
        Api.Answer(HttpMethod.Put, "/api/saved/m-7/reminder", HttpStatusCode.NoContent);
        Assert.StartsWith("Remind me", ReminderButton(page), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=reminder-remove]"));

        page.Find("[data-testid=reminder-menu]").Click();

        Assert.Equal(["In 20 minutes", "In 1 hour", "In 3 hours", "Tomorrow, 09:00", "Next week: Mon 7 Dec, 09:00"],
            page.FindAll("[data-testid=reminder-choice]").Select(b => b.TextContent.Trim()));
        page.FindAll("[data-testid=reminder-choice]")[1].Click();

        page.WaitForAssertion(() => Assert.Equal("Today, 15:10", page.Find("[data-testid=reminder-at]").TextContent.Trim()));
        var sent = JsonSerializer.Deserialize<ReminderRequest>(Api.BodyOf(Api.To(HttpMethod.Put, "/api/saved/m-7/reminder").Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal(s_now.AddHours(1), sent.RemindAt);
        Assert.Contains("set", page.Find("[data-testid=reminder-menu]").ClassList);
        Assert.Equal("Reminder: Thursday 3 December 2026, 15:10", page.Find("[data-testid=reminder-menu]").GetAttribute("title"));
    }

    [Fact]
    public async Task ACustomMomentSetsTheReminder()
    {
        var page = await RenderSavedAsync(new SavedMessageDto(Message(7, Bob, "Send the league the report"), "Band", s_now));
        Api.Answer(HttpMethod.Put, "/api/saved/m-7/reminder", HttpStatusCode.NoContent);
        page.Find("[data-testid=reminder-menu]").Click();

        page.Find("[data-testid=reminder-choice-custom]").Click();
        page.Find("[data-testid=reminder-choice-at]").Input("2026-12-10T18:45");
        Assert.Equal("Thu 10 Dec, 18:45", page.Find("[data-testid=reminder-choice-at] + .words").TextContent);
        page.Find("[data-testid=reminder-choice-set]").Click();

        page.WaitForAssertion(() => Assert.Equal("Thu 10 Dec, 18:45", page.Find("[data-testid=reminder-at]").TextContent.Trim()));
        var sent = JsonSerializer.Deserialize<ReminderRequest>(Api.BodyOf(Api.To(HttpMethod.Put, "/api/saved/m-7/reminder").Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 18, 45, 0, TimeSpan.FromHours(1)), sent.RemindAt);
    }

    [Fact]
    public async Task ASetReminderIsRemovedFromTheMenu()
    {
        var page = await RenderSavedAsync(new SavedMessageDto(Message(7, Bob, "Kit list"), "Band", s_now) { RemindAt = s_now.AddDays(1) });
        Api.Answer(HttpMethod.Delete, "/api/saved/m-7/reminder", HttpStatusCode.NoContent);
        Assert.Equal("Tomorrow, 14:10", page.Find("[data-testid=reminder-at]").TextContent.Trim());

        page.Find("[data-testid=reminder-menu]").Click();
        page.Find("[data-testid=reminder-remove]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("Remind me", ReminderButton(page), StringComparison.Ordinal));
        Assert.Single(Api.To(HttpMethod.Delete, "/api/saved/m-7/reminder"));
        Assert.Empty(page.FindAll("[data-testid=reminder-at]"));
    }

    [Fact]
    public async Task AReminderSetOnAnotherDeviceOrGoneOffShowsLive()
    {
        var page = await RenderSavedAsync(
            new SavedMessageDto(Message(7, Bob, "one"), "Band", s_now),
            new SavedMessageDto(Message(3, Bob, "two"), "Band", s_now.AddMinutes(-1)));

        await Realtime.PushSaveAsync(new MessageSavedPush("m-3", true) { RemindAt = s_now.AddHours(3) });

        page.WaitForAssertion(() => Assert.Equal(["Today, 17:10"], page.FindAll("[data-testid=reminder-at]").Select(e => e.TextContent.Trim())));
        Assert.Null(page.FindAll("[data-testid=saved-item]")[0].QuerySelector("[data-testid=reminder-at]"));

        await Realtime.PushSaveAsync(new MessageSavedPush("m-3", true));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=reminder-at]")));
        Assert.Equal(2, page.FindAll("[data-testid=saved-item]").Count);
    }

    [Fact]
    public async Task AfterAReconnectTheRemindersAreTheServersAgain()
    {
        var page = await RenderSavedAsync(
            new SavedMessageDto(Message(7, Bob, "one"), "Band", s_now) { RemindAt = s_now.AddHours(1) },
            new SavedMessageDto(Message(3, Bob, "two"), "Band", s_now.AddMinutes(-1)));
        Assert.Equal(["Today, 15:10"], page.FindAll("[data-testid=reminder-at]").Select(e => e.TextContent.Trim()));

        // While the connection was down, the first one's reminder went off and another device set one on the second.
        Realtime.Drop();
        Api.Answer(HttpMethod.Get, "/api/saved/ids", HttpStatusCode.OK, s_bothStillSaved)
            .Answer(HttpMethod.Get, "/api/saved", HttpStatusCode.OK, new[]
            {
                new SavedMessageDto(Message(7, Bob, "one"), "Band", s_now),
                new SavedMessageDto(Message(3, Bob, "two"), "Band", s_now.AddMinutes(-1)) { RemindAt = s_now.AddDays(1) },
            });
        await Realtime.ConnectAsync();

        page.WaitForAssertion(() => Assert.Equal(["Tomorrow, 14:10"], page.FindAll("[data-testid=reminder-at]").Select(e => e.TextContent.Trim())));
        Assert.Null(page.FindAll("[data-testid=saved-item]")[0].QuerySelector("[data-testid=reminder-at]"));
    }

    [Fact]
    public async Task ARefusedReminderSaysWhyAndShowsNone()
    {
        var page = await RenderSavedAsync(new SavedMessageDto(Message(7, Bob, "Kit list"), "Band", s_now));
        Api.AnswerProblem(HttpMethod.Put, "/api/saved/m-7/reminder", HttpStatusCode.NotFound, "The saved message was not found.");

        page.Find("[data-testid=reminder-menu]").Click();
        page.FindAll("[data-testid=reminder-choice]")[0].Click();

        page.WaitForAssertion(() => Assert.Contains("saved message was not found", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=reminder-at]"));
    }

    [Fact]
    public async Task RemindMeInAMessagesMenuSavesItThenSetsTheReminder()
    {
        var pane = await RenderTeamChatAsync(Message(1, Bob, "Kit list"));
        Api.Answer(HttpMethod.Put, "/api/teams/t-1/messages/m-1/saved", HttpStatusCode.NoContent)
            .Answer(HttpMethod.Put, "/api/saved/m-1/reminder", HttpStatusCode.NoContent);

        pane.Find("[data-testid=message-menu]").Click();
        Assert.Empty(pane.FindAll("[data-testid=message-reminder-choice]"));
        pane.Find("[data-testid=remind-message]").Click();
        Assert.Equal("true", pane.Find("[data-testid=remind-message]").GetAttribute("aria-expanded"));
        Assert.Equal(["In 20 minutes", "In 1 hour", "In 3 hours", "Tomorrow, 09:00", "Next week: Mon 7 Dec, 09:00"],
            pane.FindAll("[data-testid=message-reminder-choice]").Select(b => b.TextContent.Trim()));
        pane.FindAll("[data-testid=message-reminder-choice]")[2].Click();

        pane.WaitForAssertion(() => Assert.Equal("Saved", pane.Find("[data-testid=message-saved]").TextContent.Trim()));
        Assert.True(JsonSerializer.Deserialize<SaveRequest>(Api.BodyOf(Api.To(HttpMethod.Put, "/api/teams/t-1/messages/m-1/saved").Single())!, JsonSerializerOptions.Web)!.Saved);
        var sent = JsonSerializer.Deserialize<ReminderRequest>(Api.BodyOf(Api.To(HttpMethod.Put, "/api/saved/m-1/reminder").Single())!, JsonSerializerOptions.Web)!;
        Assert.Equal(s_now.AddHours(3), sent.RemindAt);
        Assert.Empty(pane.FindAll("[data-testid=message-reminder-choice]"));
    }

    [Fact]
    public async Task RemindMeOnASavedMessageOnlySetsTheReminderAndARefusalSaysWhy()
    {
        Api.Answer(HttpMethod.Get, "/api/saved/ids", HttpStatusCode.OK, s_kitListOnly);
        var pane = await RenderTeamChatAsync(Message(1, Bob, "Kit list"));
        pane.WaitForAssertion(() => Assert.NotEmpty(pane.FindAll("[data-testid=message-saved]")));
        Api.AnswerProblem(HttpMethod.Put, "/api/saved/m-1/reminder", HttpStatusCode.BadRequest, "remindAt must be in the future.");

        pane.Find("[data-testid=message-menu]").Click();
        pane.Find("[data-testid=remind-message]").Click();
        pane.FindAll("[data-testid=message-reminder-choice]")[0].Click();

        pane.WaitForAssertion(() => Assert.Contains("must be in the future", pane.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Api.To(HttpMethod.Put, "/api/teams/t-1/messages/m-1/saved"));
    }

    [Theory]
    [InlineData("2026-11-29T10:00:00Z", "Tomorrow, 09:00", null)] // a Sunday: next week's Monday is tomorrow
    [InlineData("2026-11-30T10:00:00Z", "Tomorrow, 09:00", "Next week: Mon 7 Dec, 09:00")] // a Monday: the next one
    public void NextWeekIsTheComingMondayAndNotOfferedTwice(string now, string tomorrow, string? nextWeek)
    {
        _clock.SetNow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var labels = ReminderChoices.From(_clock).Select(c => c.Label).ToList();

        Assert.Equal(tomorrow, labels[3]);
        Assert.Equal(nextWeek, labels.ElementAtOrDefault(4));
    }

    [Fact]
    public void TomorrowMorningIsNineInTheUsersZoneAcrossAClockChange()
    {
        // Saturday 28 March 2026 in Paris; the clocks go forward that night.
        _clock.SetNow(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));

        var tomorrow = ReminderChoices.From(_clock)[3].At;

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.FromHours(2)), tomorrow);
    }
}
