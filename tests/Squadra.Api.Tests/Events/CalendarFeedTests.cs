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
