using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Events;

[Collection(ApiCollection.Name)]
public sealed class EventTests(ApiCluster cluster)
{
    private static readonly DateTimeOffset s_start = new(2030, 6, 1, 18, 0, 0, TimeSpan.FromHours(2));

    private Task<TestUser> NewUserAsync() => cluster.NewUserAsync();

    private Task<(TestUser Owner, TestUser Member, TeamDto Team)> TeamOfTwoAsync() => cluster.TeamOfTwoAsync();

    [Fact]
    public async Task CreatingAnEventStoresItInUtcAndNotifiesEveryOtherMember()
    {
        var (owner, member, team) = await TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest("Regatta", "2030-06-01T18:00:00+02:00", "2030-06-01T20:30:00+02:00", "Lake", "Race day"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<EventDto>())!;
        Assert.Equal(new DateTimeOffset(2030, 6, 1, 16, 0, 0, TimeSpan.Zero), created.StartsAt);
        Assert.Equal(TimeSpan.Zero, created.StartsAt.Offset);
        Assert.Equal(("Regatta", "Lake", "Race day", owner.User, false, new RsvpCountsDto(0, 0, 0), (string?)null),
            (created.Title, created.Location, created.Description, created.CreatedBy, created.Cancelled, created.Rsvp, created.MyRsvp));
        Assert.Contains("\"startsAt\":\"2030-06-01T16:00:00+00:00\"", await RawAsync(owner, $"/api/teams/{team.Id}/events/{created.Id}"), StringComparison.Ordinal);

        var notification = (await member.NotificationsAsync()).Last();
        Assert.Equal((NotificationTypes.EventCreated, team.Id), (notification.Type, notification.TeamId));
        Assert.Equal(created.Id, notification.Data.GetProperty("event").GetProperty("id").GetString());
        Assert.DoesNotContain(await owner.NotificationsAsync(), n => n.Type == NotificationTypes.EventCreated);
    }

    [Theory]
    [InlineData(null, "2030-06-01T18:00:00Z", null, "title")]
    [InlineData("", "2030-06-01T18:00:00Z", null, "title")]
    [InlineData("T", null, null, "startsAt")]
    [InlineData("T", "not a time", null, "startsAt")]
    [InlineData("T", "2030-06-01T18:00:00", null, "startsAt")]
    [InlineData("T", "2030-06-01T18:00:00Z", "2030-06-01T17:59:59Z", "endsAt")]
    [InlineData("T", "2030-06-01T18:00:00+02:00", "2030-06-01T16:59:00+01:00", "endsAt")]
    public async Task CreatingRefusesBadFields(string? title, string? startsAt, string? endsAt, string field)
    {
        var (owner, _, team) = await TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest(title, startsAt, endsAt));

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task AnOverlongTitleIsRefused()
    {
        var (owner, _, team) = await TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest(new string('t', 121), "2030-06-01T18:00:00Z"));

        await response.AssertValidationProblemAsync("title");
    }

    [Fact]
    public async Task AnEndEqualToTheStartIsAccepted()
    {
        var (owner, _, team) = await TeamOfTwoAsync();

        var created = await owner.CreateEventAsync(team, "Instant", s_start, s_start);

        Assert.Equal(created.StartsAt, created.EndsAt);
    }

    [Fact]
    public async Task ListingFiltersByWindowAndSortsByStart()
    {
        var (owner, member, team) = await TeamOfTwoAsync();
        var late = await owner.CreateEventAsync(team, "Late", s_start.AddDays(10));
        var early = await owner.CreateEventAsync(team, "Early", s_start, s_start.AddHours(3));
        var middle = await owner.CreateEventAsync(team, "Middle", s_start.AddDays(5));

        var all = await member.SendOkAsync<List<EventDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/events");
        var window = await member.SendOkAsync<List<EventDto>>(HttpMethod.Get,
            $"/api/teams/{team.Id}/events?from={Uri.EscapeDataString(EventClient.Instant(s_start.AddHours(1)))}&to={Uri.EscapeDataString(EventClient.Instant(s_start.AddDays(6)))}");

        Assert.Equal([early.Id, middle.Id, late.Id], all.Select(e => e.Id));
        Assert.Equal([early.Id, middle.Id], window.Select(e => e.Id));
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2030-01-01", "to")]
    [InlineData("?from=2030-02-01T00:00:00Z&to=2030-01-01T00:00:00Z", "to")]
    public async Task BadTimeWindowsAreRefused(string query, string field)
    {
        var (owner, _, team) = await TeamOfTwoAsync();

        using var response = await owner.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/events{query}");

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task ANonMemberGetsNotFoundForEverythingOfTheTeamsEvents()
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        var teamEvent = await owner.CreateEventAsync(team, "Private", s_start);
        var stranger = await NewUserAsync();

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/teams/{team.Id}/events", null),
            (HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest("Crash", "2030-01-01T00:00:00Z")),
            (HttpMethod.Get, $"/api/teams/{team.Id}/events/{teamEvent.Id}", null),
            (HttpMethod.Patch, $"/api/teams/{team.Id}/events/{teamEvent.Id}", new UpdateEventRequest("Mine")),
            (HttpMethod.Delete, $"/api/teams/{team.Id}/events/{teamEvent.Id}", null),
            (HttpMethod.Put, $"/api/teams/{team.Id}/events/{teamEvent.Id}/rsvp", new RsvpRequest("going")),
        })
        {
            using var response = await stranger.SendAsync(method, path, body);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task OnlyTheCreatorOwnerOrAdminChangesAnEventAndMembersAreNotified()
    {
        var (owner, member, team) = await TeamOfTwoAsync();
        var creator = await NewUserAsync();
        await owner.AddMemberAsync(team, creator);
        var teamEvent = await creator.CreateEventAsync(team, "Picnic", s_start);

        using var byMember = await member.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{teamEvent.Id}", new UpdateEventRequest("Mine"));
        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var endBeforeStart = await creator.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{teamEvent.Id}",
            new UpdateEventRequest(EndsAt: EventClient.Instant(s_start.AddHours(-1))));
        await endBeforeStart.AssertValidationProblemAsync("endsAt");

        var moved = await creator.SendOkAsync<EventDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{teamEvent.Id}",
            new UpdateEventRequest(StartsAt: EventClient.Instant(s_start.AddDays(1))));
        var renamed = await owner.SendOkAsync<EventDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{teamEvent.Id}", new UpdateEventRequest("Big picnic"));

        Assert.Equal(s_start.AddDays(1), moved.StartsAt);
        Assert.Equal(("Big picnic", s_start.AddDays(1), "Boathouse"), (renamed.Title, renamed.StartsAt, renamed.Location));
        Assert.Equal(2, (await member.NotificationsAsync()).Count(n => n.Type == NotificationTypes.EventUpdated));
        Assert.Single(await creator.NotificationsAsync(), n => n.Type == NotificationTypes.EventUpdated);
    }

    [Fact]
    public async Task CancellingKeepsTheEventVisibleRefusesRsvpAndNotifiesOnce()
    {
        var (owner, member, team) = await TeamOfTwoAsync();
        var teamEvent = await owner.CreateEventAsync(team, "Rained out", s_start);

        using var byMember = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{teamEvent.Id}");
        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var cancelled = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{teamEvent.Id}");
        using var again = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{teamEvent.Id}");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (cancelled.StatusCode, again.StatusCode));

        var stillThere = await member.SendOkAsync<EventDto>(HttpMethod.Get, $"/api/teams/{team.Id}/events/{teamEvent.Id}");
        Assert.True(stillThere.Cancelled);
        using var rsvp = await member.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/events/{teamEvent.Id}/rsvp", new RsvpRequest("going"));
        await rsvp.AssertProblemAsync(HttpStatusCode.Conflict);
        using var edit = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{teamEvent.Id}", new UpdateEventRequest("Back on"));
        await edit.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await member.NotificationsAsync(), n => n.Type == NotificationTypes.EventCancelled);
    }

    [Fact]
    public async Task RsvpCountsFollowAnswersAndEachSeesTheirOwn()
    {
        var (owner, member, team) = await TeamOfTwoAsync();
        var third = await NewUserAsync();
        await owner.AddMemberAsync(team, third);
        var teamEvent = await owner.CreateEventAsync(team, "Dinner", s_start);

        await owner.RsvpAsync(teamEvent, "going");
        await member.RsvpAsync(teamEvent, "maybe");
        var changedMind = await member.RsvpAsync(teamEvent, "going");
        var declined = await third.RsvpAsync(teamEvent, "declined");

        Assert.Equal((new RsvpCountsDto(2, 0, 0), "going"), (changedMind.Rsvp, changedMind.MyRsvp));
        Assert.Equal((new RsvpCountsDto(2, 0, 1), "declined"), (declined.Rsvp, declined.MyRsvp));
        var seenByOwner = await owner.SendOkAsync<EventDto>(HttpMethod.Get, $"/api/teams/{team.Id}/events/{teamEvent.Id}");
        Assert.Equal("going", seenByOwner.MyRsvp);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData(null)]
    public async Task AnUnknownRsvpAnswerIsRefused(string? answer)
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        var teamEvent = await owner.CreateEventAsync(team, "Dinner", s_start);

        using var response = await owner.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/events/{teamEvent.Id}/rsvp", new RsvpRequest(answer));

        await response.AssertValidationProblemAsync("response");
    }

    [Fact]
    public async Task AMemberWhoJoinsLaterSeesEarlierEventsButWasNotNotifiedOfThem()
    {
        var (owner, _, team) = await TeamOfTwoAsync();
        var earlier = await owner.CreateEventAsync(team, "Before you came", s_start);
        var newcomer = await NewUserAsync();
        await owner.AddMemberAsync(team, newcomer);

        var seen = await newcomer.SendOkAsync<List<EventDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/events");

        Assert.Contains(seen, e => e.Id == earlier.Id);
        Assert.DoesNotContain(await newcomer.NotificationsAsync(), n => n.Type.StartsWith("event.", StringComparison.Ordinal));
    }

    private static async Task<string> RawAsync(TestUser user, string path)
    {
        using var response = await user.SendAsync(HttpMethod.Get, path);
        return await response.Content.ReadAsStringAsync();
    }
}
