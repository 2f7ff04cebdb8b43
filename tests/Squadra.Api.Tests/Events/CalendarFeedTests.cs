using System.Net;
using Ical.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Events;

namespace Squadra.Api.Tests.Events;

[Collection(ApiCollection.Name)]
public sealed class CalendarFeedTests(ApiCluster cluster)
{
    private static readonly DateTimeOffset s_start = new(2031, 2, 3, 9, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task TheFeedParsesBackWithTheTeamsEventsAndStopsWorkingAfterRotation()
    {
        var owner = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var team = await owner.CreateTeamAsync("Rowers");
        var training = await owner.CreateEventAsync(team, "Training", s_start, s_start.AddHours(2));
        var cancelled = await owner.CreateEventAsync(team, "Called off", s_start.AddDays(1));
        await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{cancelled.Id}");

        var feeds = await owner.SendOkAsync<List<CalendarFeedDto>>(HttpMethod.Get, "/api/me/calendar-feeds");
        var feed = Assert.Single(feeds);
        Assert.Equal((team.Id, "Rowers"), (feed.TeamId, feed.TeamName));
        Assert.Equal(feed.Url, Assert.Single(await owner.SendOkAsync<List<CalendarFeedDto>>(HttpMethod.Get, "/api/me/calendar-feeds")).Url);

        // A calendar app: no Authorization header, only the URL, and through the other replica.
        var app = cluster.Replica2.CreateClient();
        using var response = await app.GetAsync(feed.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var events = calendar.Events.OrderBy(e => e.Start!.AsUtc).ToList();
        Assert.Equal(["Training", "Called off"], events.Select(e => e.Summary));
        Assert.Equal(s_start.UtcDateTime, events[0].Start!.AsUtc);
        Assert.Equal(s_start.AddHours(2).UtcDateTime, events[0].End!.AsUtc);
        Assert.Equal(("Boathouse", $"{training.Id}@squadra"), (events[0].Location, events[0].Uid));
        Assert.Equal("CANCELLED", events[1].Status);

        var rotated = Assert.Single(await owner.SendOkAsync<List<CalendarFeedDto>>(HttpMethod.Post, "/api/me/calendar-feeds"));
        Assert.NotEqual(feed.Url, rotated.Url);
        using var revoked = await app.GetAsync(feed.Url);
        await revoked.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var fresh = await app.GetAsync(rotated.Url);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task CalendarAppsAreToldToPollEvery15MinutesAndAnUnchangedFeedIsA304()
    {
        var owner = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var team = await owner.CreateTeamAsync("Polled");
        var training = await owner.CreateEventAsync(team, "Training", s_start);
        var feed = Assert.Single(await owner.SendOkAsync<List<CalendarFeedDto>>(HttpMethod.Get, "/api/me/calendar-feeds"));
        var app = cluster.Replica2.CreateClient();

        using var first = await app.GetAsync(feed.Url);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT15M", body, StringComparison.Ordinal);
        Assert.Contains("X-PUBLISHED-TTL:PT15M", body, StringComparison.Ordinal);
        Assert.Equal((true, true, false), (first.Headers.CacheControl?.Private, first.Headers.CacheControl?.NoCache, first.Headers.CacheControl?.NoStore));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        // The same feed again, from the other replica a moment later: same bytes, so the app's copy is still good.
        using var again = await ConditionalGetAsync(cluster.Replica1.CreateClient(), feed.Url, etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());

        // An answer is not in the feed; a changed event is.
        await owner.RsvpAsync(training, "going");
        using var afterAnswer = await ConditionalGetAsync(app, feed.Url, etag);
        Assert.Equal(HttpStatusCode.NotModified, afterAnswer.StatusCode);
        await owner.SendOkAsync<EventDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{training.Id}", new UpdateEventRequest(Location: "Lake"));
        using var afterChange = await ConditionalGetAsync(app, feed.Url, etag);
        Assert.Equal(HttpStatusCode.OK, afterChange.StatusCode);
        Assert.NotEqual(etag, afterChange.Headers.ETag);
        Assert.Contains("LOCATION:Lake", await afterChange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ConditionalGetAsync(HttpClient app, string url, System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return await app.SendAsync(request);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=garbage")]
    [InlineData("?token=00000000000000000000000000000000.AAAA")]
    public async Task AMissingOrForgedTokenIsUnauthorized(string query)
    {
        var owner = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var team = await owner.CreateTeamAsync();

        using var response = await cluster.Replica1.CreateClient().GetAsync($"/api/teams/{team.Id}/events.ics{query}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AValidTokenDoesNotOpenAnotherTeamsFeed()
    {
        var owner = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var outsider = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var team = await owner.CreateTeamAsync();
        await outsider.CreateTeamAsync();
        var outsiderFeed = (await outsider.SendOkAsync<List<CalendarFeedDto>>(HttpMethod.Get, "/api/me/calendar-feeds"))[0];
        var token = outsiderFeed.Url[(outsiderFeed.Url.IndexOf("token=", StringComparison.Ordinal) + 6)..];

        using var response = await cluster.Replica1.CreateClient().GetAsync($"/api/teams/{team.Id}/events.ics?token={token}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
