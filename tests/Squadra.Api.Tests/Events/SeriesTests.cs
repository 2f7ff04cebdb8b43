using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Squadra.Api.Features.Events;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Events;

/// <summary>Recurring series: RFC 5545 expansion in the creator's zone, changes by scope, the 12 months kept listed.</summary>
[Collection(ApiCollection.Name)]
public sealed class SeriesTests(ApiCluster cluster)
{
    private static readonly TimeZoneInfo s_rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Theory]
    [InlineData("2031-03-18T18:30:00+01:00")] // Rome goes to summer time on 30 March 2031
    [InlineData("2031-10-14T18:30:00+02:00")] // and back on 26 October 2031
    public async Task AWeeklyTrainingStaysAt1830InRomeAcrossTheDstChange(string firstStart)
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();

        var first = await CreateAsync(owner, team, new CreateEventRequest("Training", firstStart, Capacity: 12,
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, ByDay: ["TU"], Count: 4, TimeZone: "Europe/Rome")));

        var series = await SeriesAsync(owner, team, first);
        Assert.Equal(4, series.Count);
        Assert.All(series, e => Assert.Equal(new TimeSpan(18, 30, 0), Local(e.StartsAt).TimeOfDay));
        Assert.All(series, e => Assert.Equal(DayOfWeek.Tuesday, Local(e.StartsAt).DayOfWeek));
        Assert.Equal(2, series.Select(e => e.StartsAt.UtcDateTime.Hour).Distinct().Count());
        Assert.All(series, e => Assert.Equal((first.SeriesId, 12, "weekly", 4, "Europe/Rome"),
            (e.SeriesId, e.Capacity, e.Recurrence?.Frequency, e.Recurrence?.Count, e.Recurrence?.TimeZone)));
        // One notification for the series, not one per occurrence; each occurrence has its own answers.
        Assert.Single(await member.NotificationsAsync(), n => n.Type == NotificationTypes.EventCreated);
        await member.RsvpAsync(series[1], "going");
        Assert.Equal([0, 1, 0, 0], (await SeriesAsync(owner, team, first)).Select(e => e.Rsvp.Going));
    }

    [Fact]
    public async Task AMonthlySeriesSkipsMonthsWithoutItsDayAsRfc5545Says()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        var first = await CreateAsync(owner, team, new CreateEventRequest("Month end", "2031-01-31T19:00:00+01:00",
            Recurrence: new RecurrenceDto(EventRules.FrequencyMonthly, Count: 3, TimeZone: "Europe/Rome")));

        Assert.Equal([new DateOnly(2031, 1, 31), new DateOnly(2031, 3, 31), new DateOnly(2031, 5, 31)],
            (await SeriesAsync(owner, team, first)).Select(e => DateOnly.FromDateTime(Local(e.StartsAt).DateTime)));
    }

    [Fact]
    public async Task AChangeAppliesToThisTheFollowingOrAllOccurrencesAndIsOneNotificationEach()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await CreateAsync(owner, team, new CreateEventRequest("Training", "2032-03-02T18:30:00+01:00", "2032-03-02T20:00:00+01:00",
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, Count: 6, TimeZone: "Europe/Rome")));
        var series = await SeriesAsync(owner, team, first);

        // From the third on: half an hour later (19:00 local on every date, DST or not) and a new name.
        var third = series[2];
        await UpdateAsync(owner, third, "following", new UpdateEventRequest("Late training", EventClient.Instant(third.StartsAt.AddMinutes(30))));
        series = await SeriesAsync(owner, team, first);
        Assert.Equal(["Training", "Training", "Late training", "Late training", "Late training", "Late training"], series.Select(e => e.Title));
        Assert.Equal([1830, 1830, 1900, 1900, 1900, 1900], series.Select(e => Local(e.StartsAt).Hour * 100 + Local(e.StartsAt).Minute));
        Assert.All(series, e => Assert.Equal(TimeSpan.FromMinutes(90), e.EndsAt - e.StartsAt));

        await UpdateAsync(owner, series[3], "this", new UpdateEventRequest(Location: "Away game"));
        await UpdateAsync(owner, series[0], "all", new UpdateEventRequest(Description: "Bring water"));
        series = await SeriesAsync(owner, team, first);
        Assert.Equal(["", "", "", "Away game", "", ""], series.Select(e => e.Location));
        Assert.All(series, e => Assert.Equal("Bring water", e.Description));
        Assert.Equal(3, (await member.NotificationsAsync()).Count(n => n.Type == NotificationTypes.EventUpdated));

        // Cancelling the fifth and following: two occurrences, one notification.
        using (var cancel = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{series[4].Id}?scope=following"))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        }
        series = await SeriesAsync(owner, team, first);
        Assert.Equal([false, false, false, false, true, true], series.Select(e => e.Cancelled));
        Assert.Single(await member.NotificationsAsync(), n => n.Type == NotificationTypes.EventCancelled);
    }

    [Theory]
    [InlineData("yearly", null, null, null, null, "Europe/Rome", "recurrence.frequency")]
    [InlineData("weekly", 0, null, null, null, "Europe/Rome", "recurrence.interval")]
    [InlineData("weekly", 53, null, null, null, "Europe/Rome", "recurrence.interval")]
    [InlineData("daily", null, "MO", null, null, "Europe/Rome", "recurrence.byDay")]
    [InlineData("weekly", null, "XX", null, null, "Europe/Rome", "recurrence.byDay")]
    [InlineData("weekly", null, null, 0, null, "Europe/Rome", "recurrence.count")]
    [InlineData("weekly", null, null, 366, null, "Europe/Rome", "recurrence.count")]
    [InlineData("weekly", null, null, 3, "2033-01-01T00:00:00Z", "Europe/Rome", "recurrence.count")]
    [InlineData("weekly", null, null, null, "2032-01-01T00:00:00Z", "Europe/Rome", "recurrence.until")]
    [InlineData("weekly", null, null, null, "next year", "Europe/Rome", "recurrence.until")]
    [InlineData("weekly", null, null, null, null, "Mars/Olympus", "recurrence.timeZone")]
    [InlineData("weekly", null, null, null, null, null, "recurrence.timeZone")]
    public async Task ABadRecurrenceIsRefusedFieldByField(string frequency, int? interval, string? byDay, int? count, string? until, string? zone, string field)
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest("T", "2032-06-01T18:00:00Z",
            Recurrence: new RecurrenceDto(frequency, interval, byDay is null ? null : [byDay], until, count, zone)));

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task AnUnknownScopeIsRefusedAndAScopeOnASingleEventChangesItAlone()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var single = await owner.CreateEventAsync(team, "Single", new DateTimeOffset(2032, 6, 1, 18, 0, 0, TimeSpan.Zero));

        using var patch = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{single.Id}?scope=some", new UpdateEventRequest("X"));
        await patch.AssertValidationProblemAsync("scope");
        using var delete = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{single.Id}?scope=everything");
        await delete.AssertValidationProblemAsync("scope");

        var renamed = await UpdateAsync(owner, single, "all", new UpdateEventRequest("Renamed"));
        Assert.Equal(("Renamed", (string?)null), (renamed.Title, renamed.SeriesId));
    }

    [Fact]
    public async Task OnlyTheCreatorOrAManagerChangesASeries()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await CreateAsync(owner, team, new CreateEventRequest("Training", "2032-09-07T18:30:00+02:00",
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, Count: 3, TimeZone: "Europe/Rome")));

        using var patch = await member.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{first.Id}?scope=all", new UpdateEventRequest("Mine"));
        await patch.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var delete = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{first.Id}?scope=all");
        await delete.AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.All(await SeriesAsync(owner, team, first), e => Assert.Equal(("Training", false), (e.Title, e.Cancelled)));
    }

    [Fact]
    public async Task ANewRuleForAllOccurrencesKeepsTheAnswersOfThoseItKeepsRemovesTheOthersAndMakesTheNewOnes()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await CreateAsync(owner, team, new CreateEventRequest("Training", "2032-03-02T18:30:00+01:00", Capacity: 10,
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, ByDay: ["TU"], Count: 6, TimeZone: "Europe/Rome")));
        var tuesdays = await SeriesAsync(owner, team, first);
        await member.RsvpAsync(tuesdays[1], "going");

        var changed = await UpdateAsync(owner, first, "all", new UpdateEventRequest(
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, ByDay: ["TU", "TH"], Count: 8, TimeZone: "Europe/Rome")));

        var series = await TeamSeriesAsync(owner, team);
        Assert.Equal(["03-02", "03-04", "03-09", "03-11", "03-16", "03-18", "03-23", "03-25"], series.Select(e => Local(e.StartsAt).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(series, e => Assert.Equal((first.SeriesId, new TimeSpan(18, 30, 0), 10), (e.SeriesId, Local(e.StartsAt).TimeOfDay, e.Capacity)));
        Assert.All(series, e => Assert.Equal(("TU,TH", 8), (string.Join(',', e.Recurrence!.ByDay!), e.Recurrence.Count)));
        Assert.Equal(first.Id, changed.Id);
        // The Tuesdays that stay are the same occurrences, answers and all; the last two are gone.
        Assert.Equal(tuesdays[..4].Select(e => e.Id), series.Where(e => Local(e.StartsAt).DayOfWeek == DayOfWeek.Tuesday).Select(e => e.Id));
        Assert.Equal(EventRules.RsvpGoing, (await member.SendOkAsync<EventDto>(HttpMethod.Get, $"/api/teams/{team.Id}/events/{tuesdays[1].Id}")).MyRsvp);
        using var gone = await member.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/events/{tuesdays[5].Id}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Single(await member.NotificationsAsync(), n => n.Type == NotificationTypes.EventUpdated);
    }

    [Fact]
    public async Task ANewRuleFromAnOccurrenceOnSplitsTheSeriesThereAndKeepsTheAnswersOfThoseItKeeps()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await CreateAsync(owner, team, new CreateEventRequest("Training", "2032-03-02T18:30:00+01:00",
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, Count: 6, TimeZone: "Europe/Rome")));
        var tuesdays = await SeriesAsync(owner, team, first);
        await member.RsvpAsync(tuesdays[3], "going");
        await member.RsvpAsync(tuesdays[5], "maybe");

        // From the third Tuesday: Tuesdays and Thursdays until 1 April (the sixth Tuesday, 6 April, is past that).
        var changed = await UpdateAsync(owner, tuesdays[2], "following", new UpdateEventRequest(Location: "Field 2",
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, ByDay: ["TU", "TH"], Until: "2032-04-01T23:59:59+02:00", TimeZone: "Europe/Rome")));

        var all = await TeamSeriesAsync(owner, team);
        Assert.Equal(["03-02", "03-09", "03-16", "03-18", "03-23", "03-25", "03-30", "04-01"], all.Select(e => Local(e.StartsAt).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var (before, following) = (all[..2], all[2..]);
        Assert.All(before, e => Assert.Equal((first.SeriesId, "", (int?)null), (e.SeriesId, e.Location, e.Recurrence!.Count)));
        Assert.All(before, e => Assert.True(DateTimeOffset.Parse(e.Recurrence!.Until!, System.Globalization.CultureInfo.InvariantCulture) < tuesdays[2].StartsAt));
        Assert.Single(following.Select(e => e.SeriesId).Distinct());
        Assert.All(following, e => Assert.Equal("Field 2", e.Location));
        Assert.NotEqual(first.SeriesId, following[0].SeriesId);
        Assert.Equal((tuesdays[2].Id, following[0].SeriesId), (changed.Id, changed.SeriesId));
        Assert.Equal(tuesdays[3].Id, following[2].Id);
        Assert.Equal(EventRules.RsvpGoing, (await member.SendOkAsync<EventDto>(HttpMethod.Get, $"/api/teams/{team.Id}/events/{tuesdays[3].Id}")).MyRsvp);
        using var gone = await member.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/events/{tuesdays[5].Id}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANewRuleIsRefusedWhenBadForOneEventOrOccurrenceInAnotherZoneOrFromANonManager()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var first = await CreateAsync(owner, team, new CreateEventRequest("Training", "2032-03-02T18:30:00+01:00",
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, Count: 3, TimeZone: "Europe/Rome")));
        var single = await owner.CreateEventAsync(team, "Single", new DateTimeOffset(2032, 6, 1, 18, 0, 0, TimeSpan.Zero));
        var weekly = new RecurrenceDto(EventRules.FrequencyWeekly, ByDay: ["TU", "TH"], TimeZone: "Europe/Rome");
        async Task RefusedAsync(TestUser user, EventDto e, string scope, RecurrenceDto recurrence, string? field, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            using var response = await user.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{e.Id}?scope={scope}", new UpdateEventRequest(Recurrence: recurrence));
            if (field is null)
            {
                await response.AssertProblemAsync(status);
            }
            else
            {
                await response.AssertValidationProblemAsync(field);
            }
        }

        await RefusedAsync(owner, first, "all", weekly with { Frequency = "yearly" }, "recurrence.frequency");
        await RefusedAsync(owner, first, "all", weekly with { Count = 3, Until = "2033-01-01T00:00:00Z" }, "recurrence.count");
        await RefusedAsync(owner, first, "all", weekly with { TimeZone = "Europe/London" }, "recurrence.timeZone");
        await RefusedAsync(owner, first, "all", weekly with { Until = "2032-03-01T00:00:00+01:00" }, "recurrence");
        await RefusedAsync(owner, first, "this", weekly, "recurrence");
        await RefusedAsync(owner, single, "all", weekly, "recurrence");
        await RefusedAsync(member, first, "all", weekly, null, HttpStatusCode.Forbidden);
        var stranger = await cluster.NewUserAsync();
        await RefusedAsync(stranger, first, "all", weekly, null, HttpStatusCode.NotFound);

        Assert.Equal(3, (await TeamSeriesAsync(owner, team)).Count);
        Assert.All(await TeamSeriesAsync(owner, team), e => Assert.Equal(3, e.Recurrence!.Count));
    }

    [Fact]
    public async Task ASeriesWithoutEndListsTwelveMonthsAndIsToppedUpOnceAsTimePasses()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        // At 10:00 UTC, an hour that exists every day in Rome: a start at "now" between 01:00 and 02:00 UTC fell into
        // the hour the clocks skip in March, and that day's occurrence was (rightly) an hour later than the others.
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(10), TimeSpan.Zero);
        var first = await CreateAsync(owner, team, new CreateEventRequest("Daily stand-up", EventClient.Instant(start),
            Recurrence: new RecurrenceDto(EventRules.FrequencyDaily, TimeZone: "Europe/Rome")));
        var listed = await SeriesAsync(owner, team, first);
        Assert.InRange(listed.Count, 364, 366);
        Assert.True(listed[^1].StartsAt < DateTimeOffset.UtcNow.AddDays(366));

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(30));
        var settings = new Dictionary<string, string> { ["Events:Series:Enabled"] = "false", ["Events:Reminders:Enabled"] = "false" };
        await using var a = cluster.StartReplica("api-series-a", settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        await using var b = cluster.StartReplica("api-series-b", settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        a.StartServer();
        b.StartServer();
        var extenders = new[] { a, b }.Select(f => f.Services.GetRequiredService<SeriesExtender>()).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => extenders[i % 2].ExtendAsync(CancellationToken.None)));

        var extended = await SeriesAsync(owner, team, first);
        Assert.InRange(extended.Count - listed.Count, 29, 31);
        Assert.Equal(extended.Count, extended.Select(e => e.StartsAt).Distinct().Count());
        Assert.All(extended, e => Assert.Equal(Local(start).TimeOfDay.Hours, Local(e.StartsAt).Hour));
    }

    [Fact]
    public async Task ASeriesWithACountToppedUpAcrossTheTwelveMonthsEndsAtItsCountFromTheFirstOccurrence()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        // Tuesdays and Thursdays, 150 times: 75 weeks, more than the 12 months listed at first.
        var today = DateTimeOffset.UtcNow.Date;
        var start = new DateTimeOffset(today.AddDays(((int)DayOfWeek.Tuesday - (int)today.DayOfWeek + 7) % 7 + 7).AddHours(17), TimeSpan.Zero);
        var first = await CreateAsync(owner, team, new CreateEventRequest("Warm-up", EventClient.Instant(start),
            Recurrence: new RecurrenceDto(EventRules.FrequencyWeekly, ByDay: ["TU", "TH"], Count: 150, TimeZone: "Europe/Rome")));
        var listed = await SeriesAsync(owner, team, first);
        Assert.InRange(listed.Count, 102, 106);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(20));
        var settings = new Dictionary<string, string> { ["Events:Series:Enabled"] = "false", ["Events:Reminders:Enabled"] = "false" };
        await using var replica = cluster.StartReplica("api-series-count", settings: settings, services: s => s.AddSingleton<TimeProvider>(clock));
        replica.StartServer();
        var extender = replica.Services.GetRequiredService<SeriesExtender>();
        // Top-ups of later and later windows (the last past the 150th): each counts from the first occurrence, not
        // from its window, and the series ends at its count.
        await TopUpAsync(extender);
        Assert.InRange((await SeriesAsync(owner, team, first)).Count, listed.Count + 1, 149);
        foreach (var days in new[] { 80, 80 })
        {
            clock.Advance(TimeSpan.FromDays(days));
            await TopUpAsync(extender);
        }

        var all = await SeriesAsync(owner, team, first);
        Assert.Equal(150, all.Count);
        var firstDay = DateOnly.FromDateTime(Local(start).DateTime);
        var expected = Enumerable.Range(0, 75 * 7).Select(firstDay.AddDays).Where(d => d.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday);
        Assert.Equal(expected, all.Select(e => DateOnly.FromDateTime(Local(e.StartsAt).DateTime)));
        Assert.All(all, e => Assert.Equal(Local(start).TimeOfDay, Local(e.StartsAt).TimeOfDay));
    }

    [Theory]
    [InlineData(EventRules.FrequencyWeekly, 2, "TU,TH", null)]
    [InlineData(EventRules.FrequencyDaily, 3, "", null)]
    [InlineData(EventRules.FrequencyMonthly, 1, "", null)]
    [InlineData(EventRules.FrequencyWeekly, 1, "MO", 700)]
    public void AWindowOfAnOldSeriesIsTheSameExpandedFromTheWindowAsFromTheFirstOccurrence(string frequency, int interval, string byDay, int? count)
    {
        // Started on a 31st years ago, at 18:30 in Rome: monthly skips short months, DST moves the UTC hour.
        var rule = new SeriesRule(frequency, interval, SeriesRule.Days(byDay), null, count, "Europe/Rome", new DateTime(2019, 1, 31, 18, 30, 0), TimeSpan.Zero);
        var (from, before) = (new DateTimeOffset(2031, 2, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2032, 2, 10, 0, 0, 0, TimeSpan.Zero));

        var window = SeriesOccurrences.Between(rule, from, before);

        var expected = rule.Occurrences().TakeWhile(o => o.RecurrenceId < before).Where(o => o.RecurrenceId >= from).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, window);
        Assert.True(SeriesOccurrences.HasMoreFrom(rule, before));
    }

    private static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, s_rome);

    /// <summary>Every series due is topped up (other tests' series too: batches until none is left).</summary>
    private static async Task TopUpAsync(SeriesExtender extender)
    {
        while (await extender.ExtendAsync(CancellationToken.None) > 0)
        {
        }
    }

    private static Task<EventDto> CreateAsync(TestUser owner, TeamDto team, CreateEventRequest request) =>
        owner.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events", request);

    private static Task<EventDto> UpdateAsync(TestUser owner, EventDto e, string scope, UpdateEventRequest request) =>
        owner.SendOkAsync<EventDto>(HttpMethod.Patch, $"/api/teams/{e.TeamId}/events/{e.Id}?scope={scope}", request);

    /// <summary>Every occurrence of every series of the team (a change from an occurrence on makes a new series).</summary>
    private static async Task<List<EventDto>> TeamSeriesAsync(TestUser user, TeamDto team) =>
        [.. (await user.SendOkAsync<List<EventDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/events")).Where(e => e.SeriesId is not null)];

    private static async Task<List<EventDto>> SeriesAsync(TestUser user, TeamDto team, EventDto first) =>
        [.. (await user.SendOkAsync<List<EventDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/events")).Where(e => e.SeriesId == first.SeriesId && e.SeriesId is not null)];
}
