using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Events;

/// <summary>Capacity, the waitlist and its promotions, the RSVP deadline, and who comes.</summary>
[Collection(ApiCollection.Name)]
public sealed class AttendanceTests(ApiCluster cluster)
{
    private static readonly DateTimeOffset s_start = new(2032, 4, 2, 18, 30, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task GoingToAFullEventWaitlistsAndAFreedPlaceGoesToTheEarliestWaitlistedOnce()
    {
        var (owner, team, members) = await cluster.TeamAsync(4);
        var (first, second, third) = (members[0], members[1], members[2]);
        var training = await CreateAsync(owner, team, new CreateEventRequest("Training", EventClient.Instant(s_start), Capacity: 2, CreatorGoing: true));
        Assert.Equal((2, EventRules.RsvpGoing, 1), (training.Capacity, training.MyRsvp, training.Rsvp.Going));

        Assert.Equal(EventRules.RsvpGoing, (await first.RsvpAsync(training, "going")).MyRsvp);
        var waiting = await second.RsvpAsync(training, "going");
        Assert.Equal((EventRules.RsvpWaitlisted, new RsvpCountsDto(2, 0, 0, 1)), (waiting.MyRsvp, waiting.Rsvp));
        Assert.Equal(EventRules.RsvpWaitlisted, (await third.RsvpAsync(training, "going")).MyRsvp);
        // Saying "going" again keeps one's place in the queue.
        Assert.Equal(EventRules.RsvpWaitlisted, (await second.RsvpAsync(training, "going")).MyRsvp);

        var freed = await first.RsvpAsync(training, "declined");

        Assert.Equal(new RsvpCountsDto(2, 0, 1, 1), freed.Rsvp);
        var attendance = await AttendanceAsync(owner, training);
        Assert.Equal([owner.User.Id, second.User.Id], attendance.Going.Select(u => u.Id).Order());
        Assert.Equal([third.User.Id], attendance.Waitlisted.Select(u => u.Id));
        Assert.Equal([first.User.Id], attendance.Declined.Select(u => u.Id));
        Assert.Equal([members[3].User.Id], attendance.NoResponse.Select(u => u.Id));
        Assert.Single(await PromotionsAsync(second), n => EventId(n) == training.Id);
        Assert.Empty(await PromotionsAsync(third));
    }

    [Fact]
    public async Task TwoPlacesFreedAtOnceOnTwoReplicasPromoteTwoDifferentMembersEachOnce()
    {
        for (var round = 0; round < 3; round++)
        {
            var (owner, team, members) = await cluster.TeamAsync(4);
            var game = await CreateAsync(owner, team, new CreateEventRequest("Game", EventClient.Instant(s_start.AddDays(round)), Capacity: 2));
            await members[0].RsvpAsync(game, "going");
            await members[1].RsvpAsync(game, "going");
            await members[2].RsvpAsync(game, "going");
            await members[3].RsvpAsync(game, "going");

            await Task.WhenAll(
                members[0].On(cluster.Replica1.CreateClient()).RsvpAsync(game, "declined"),
                members[1].On(cluster.Replica2.CreateClient()).RsvpAsync(game, "maybe"));

            var attendance = await AttendanceAsync(owner, game);
            Assert.Equal([members[2].User.Id, members[3].User.Id], attendance.Going.Select(u => u.Id).Order());
            Assert.Empty(attendance.Waitlisted);
            Assert.Single(await PromotionsAsync(members[2]), n => EventId(n) == game.Id);
            Assert.Single(await PromotionsAsync(members[3]), n => EventId(n) == game.Id);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AMemberGoingToAFullEventWhoLeavesOrIsRemovedGivesTheirPlaceToTheEarliestWaitlistedOnce(bool removedByAnAdmin)
    {
        var (owner, team, members) = await cluster.TeamAsync(5);
        var admin = members[4];
        await owner.SendOkAsync<MemberDto>(HttpMethod.Put, $"/api/teams/{team.Id}/members/{admin.User.Id}/role", new ChangeRoleRequest(TeamRoles.Admin));
        var match = await CreateAsync(owner, team, new CreateEventRequest("Match", EventClient.Instant(s_start), Capacity: 2));
        foreach (var member in members[..4])
        {
            await member.RsvpAsync(match, "going");
        }

        // Through the other replica than the one the answers were given to.
        var actor = (removedByAnAdmin ? admin : members[0]).On(cluster.Replica2.CreateClient());
        await RemoveAsync(actor, team, members[0]);

        var attendance = await AttendanceAsync(owner, match);
        Assert.Equal([members[1].User.Id, members[2].User.Id], attendance.Going.Select(u => u.Id).Order());
        Assert.Equal([members[3].User.Id], attendance.Waitlisted.Select(u => u.Id));
        Assert.Equal(new RsvpCountsDto(2, 0, 0, 1), (await GetAsync(owner, match)).Rsvp);
        Assert.Equal(match.Id, EventId(Assert.Single(await PromotionsAsync(members[2]))));
        Assert.Empty(await PromotionsAsync(members[3]));
        Assert.Empty(await PromotionsAsync(members[0]));
    }

    [Fact]
    public async Task AMemberWhoWasOnlyWaitlistedOrHadDeclinedLeavesAndNobodyIsPromoted()
    {
        var (owner, team, members) = await cluster.TeamAsync(4);
        var match = await CreateAsync(owner, team, new CreateEventRequest("Match", EventClient.Instant(s_start), Capacity: 1));
        await members[0].RsvpAsync(match, "going");
        await members[1].RsvpAsync(match, "going");
        await members[2].RsvpAsync(match, "going");
        await members[3].RsvpAsync(match, "declined");

        await RemoveAsync(members[1], team, members[1]);
        await RemoveAsync(owner, team, members[3]);

        var attendance = await AttendanceAsync(owner, match);
        Assert.Equal([members[0].User.Id], attendance.Going.Select(u => u.Id));
        Assert.Equal([members[2].User.Id], attendance.Waitlisted.Select(u => u.Id));
        Assert.Equal(new RsvpCountsDto(1, 0, 0, 1), (await GetAsync(owner, match)).Rsvp);
        Assert.Empty(await PromotionsAsync(members[2]));
    }

    [Fact]
    public async Task AMemberLeavingLeavesTheWaitlistsOfPastAndCancelledEventsAsTheyWere()
    {
        var (owner, team, members) = await cluster.TeamAsync(2);
        var past = await CreateAsync(owner, team, new CreateEventRequest("Last week", EventClient.Instant(DateTimeOffset.UtcNow.AddDays(-7)), Capacity: 1));
        var cancelled = await CreateAsync(owner, team, new CreateEventRequest("Called off", EventClient.Instant(s_start), Capacity: 1));
        foreach (var e in new[] { past, cancelled })
        {
            await members[0].RsvpAsync(e, "going");
            await members[1].RsvpAsync(e, "going");
        }
        using (var cancel = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{cancelled.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        }

        await RemoveAsync(members[0], team, members[0]);

        Assert.Equal([members[1].User.Id], (await AttendanceAsync(owner, past)).Waitlisted.Select(u => u.Id));
        Assert.Equal([members[1].User.Id], (await AttendanceAsync(owner, cancelled)).Waitlisted.Select(u => u.Id));
        Assert.Empty(await PromotionsAsync(members[1]));
    }

    [Fact]
    public async Task AMemberWhoLeavesAndRejoinsHasNoAnswerToWhatIsComingAndCannotOverfillIt()
    {
        var (owner, team, members) = await cluster.TeamAsync(2);
        var (leaver, waiting) = (members[0], members[1]);
        var match = await CreateAsync(owner, team, new CreateEventRequest("Match", EventClient.Instant(s_start), Capacity: 1));
        var party = await CreateAsync(owner, team, new CreateEventRequest("Party", EventClient.Instant(s_start.AddDays(1))));
        var past = await CreateAsync(owner, team, new CreateEventRequest("Last week", EventClient.Instant(DateTimeOffset.UtcNow.AddDays(-7))));
        await leaver.RsvpAsync(match, "going");
        await waiting.RsvpAsync(match, "going");
        await leaver.RsvpAsync(party, "maybe");
        await leaver.RsvpAsync(past, "going");

        await RemoveAsync(leaver, team, leaver);
        await owner.AddMemberAsync(team, leaver);

        var attendance = await AttendanceAsync(owner, match);
        Assert.Equal([waiting.User.Id], attendance.Going.Select(u => u.Id));
        Assert.Empty(attendance.Waitlisted);
        Assert.Contains(leaver.User.Id, attendance.NoResponse.Select(u => u.Id));
        var seenByRejoiner = await GetAsync(leaver, match);
        Assert.Equal((null, new RsvpCountsDto(1, 0, 0, 0)), (seenByRejoiner.MyRsvp, seenByRejoiner.Rsvp));
        Assert.Null((await GetAsync(leaver, party)).MyRsvp);
        Assert.Equal(new RsvpCountsDto(0, 0, 0, 0), (await GetAsync(owner, party)).Rsvp);
        // What is over keeps its attendance as it was.
        Assert.Equal(EventRules.RsvpGoing, (await GetAsync(leaver, past)).MyRsvp);
        Assert.Equal([leaver.User.Id], (await AttendanceAsync(owner, past)).Going.Select(u => u.Id));
        // Answering again takes a place like anyone else's answer: the match is full.
        Assert.Equal(EventRules.RsvpWaitlisted, (await leaver.RsvpAsync(match, "going")).MyRsvp);
    }

    [Fact]
    public async Task AMemberLeavingWhileAnotherDeclinesOnTheOtherReplicaPromotesTwoDifferentMembersEachOnce()
    {
        for (var round = 0; round < 3; round++)
        {
            var (owner, team, members) = await cluster.TeamAsync(4);
            var game = await CreateAsync(owner, team, new CreateEventRequest("Game", EventClient.Instant(s_start.AddDays(round)), Capacity: 2));
            foreach (var member in members)
            {
                await member.RsvpAsync(game, "going");
            }

            await Task.WhenAll(
                RemoveAsync(members[0].On(cluster.Replica1.CreateClient()), team, members[0]),
                members[1].On(cluster.Replica2.CreateClient()).RsvpAsync(game, "declined"));

            var attendance = await AttendanceAsync(owner, game);
            Assert.Equal([members[2].User.Id, members[3].User.Id], attendance.Going.Select(u => u.Id).Order());
            Assert.Empty(attendance.Waitlisted);
            Assert.Equal(new RsvpCountsDto(2, 0, 1, 0), (await GetAsync(owner, game)).Rsvp);
            Assert.Single(await PromotionsAsync(members[2]), n => EventId(n) == game.Id);
            Assert.Single(await PromotionsAsync(members[3]), n => EventId(n) == game.Id);
        }
    }

    [Fact]
    public async Task RaisingOrRemovingTheCapacityPromotesInOrderAndLoweringItSendsNobodyBack()
    {
        var (owner, team, members) = await cluster.TeamAsync(4);
        var trip = await CreateAsync(owner, team, new CreateEventRequest("Trip", EventClient.Instant(s_start), Capacity: 1));
        foreach (var member in members)
        {
            await member.RsvpAsync(trip, "going");
        }

        var raised = await UpdateAsync(owner, trip, new UpdateEventRequest(Capacity: 2));
        Assert.Equal(new RsvpCountsDto(2, 0, 0, 2), raised.Rsvp);
        Assert.Equal([members[2].User.Id, members[3].User.Id], (await AttendanceAsync(owner, trip)).Waitlisted.Select(u => u.Id));

        var lowered = await UpdateAsync(owner, trip, new UpdateEventRequest(Capacity: 1));
        Assert.Equal((1, new RsvpCountsDto(2, 0, 0, 2)), (lowered.Capacity, lowered.Rsvp));

        var unlimited = await UpdateAsync(owner, trip, new UpdateEventRequest(Capacity: 0));
        Assert.Equal(((int?)null, new RsvpCountsDto(4, 0, 0, 0)), (unlimited.Capacity, unlimited.Rsvp));
    }

    [Fact]
    public async Task AnAnswerAfterTheDeadlineIsAConflictAndTheDeadlineMayNotFollowTheStart()
    {
        var (owner, team, members) = await cluster.TeamAsync(1);
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var closed = await CreateAsync(owner, team,
            new CreateEventRequest("Closed", EventClient.Instant(start), RsvpDeadline: EventClient.Instant(DateTimeOffset.UtcNow.AddMinutes(-1))));

        using var late = await members[0].SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/events/{closed.Id}/rsvp", new RsvpRequest("going"));
        await late.AssertProblemAsync(HttpStatusCode.Conflict);

        var open = await UpdateAsync(owner, closed, new UpdateEventRequest(RsvpDeadline: EventClient.Instant(start.AddHours(-1))));
        Assert.Equal(start.AddHours(-1).ToUnixTimeSeconds(), open.RsvpDeadline?.ToUnixTimeSeconds());
        Assert.Equal(EventRules.RsvpGoing, (await members[0].RsvpAsync(closed, "going")).MyRsvp);

        using var afterStart = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{closed.Id}",
            new UpdateEventRequest(RsvpDeadline: EventClient.Instant(start.AddHours(1))));
        await afterStart.AssertValidationProblemAsync("rsvpDeadline");
        using var startBeforeDeadline = await owner.SendAsync(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{closed.Id}",
            new UpdateEventRequest(StartsAt: EventClient.Instant(start.AddHours(-2))));
        await startBeforeDeadline.AssertValidationProblemAsync("rsvpDeadline");
    }

    [Theory]
    [InlineData(0, null, null, "capacity")]
    [InlineData(10001, null, null, "capacity")]
    [InlineData(null, "2032-04-02T19:00:00+02:00", null, "rsvpDeadline")]
    [InlineData(null, "tomorrow", null, "rsvpDeadline")]
    [InlineData(null, null, -1, "rsvpRequestLeadMinutes")]
    [InlineData(null, null, 43201, "rsvpRequestLeadMinutes")]
    public async Task CreatingRefusesABadCapacityDeadlineOrLead(int? capacity, string? deadline, int? lead, string field)
    {
        var (owner, team, _) = await cluster.TeamAsync(0);

        using var response = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest("T", EventClient.Instant(s_start), Capacity: capacity, RsvpDeadline: deadline, RsvpRequestLeadMinutes: lead));

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task WaitlistedIsNotAnAnswerOneMaySend()
    {
        var (owner, team, _) = await cluster.TeamAsync(0);
        var e = await CreateAsync(owner, team, new CreateEventRequest("T", EventClient.Instant(s_start)));

        using var response = await owner.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/events/{e.Id}/rsvp", new RsvpRequest(EventRules.RsvpWaitlisted));

        await response.AssertValidationProblemAsync("response");
    }

    [Fact]
    public async Task AttendanceIsForMembersOnlyAndNamesNoUnknownEvent()
    {
        var (owner, team, _) = await cluster.TeamAsync(0);
        var e = await CreateAsync(owner, team, new CreateEventRequest("T", EventClient.Instant(s_start)));
        var stranger = await cluster.NewUserAsync();

        using var foreign = await stranger.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/events/{e.Id}/attendance");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        using var unknown = await owner.SendAsync(HttpMethod.Get, $"/api/teams/{team.Id}/events/{Guid.NewGuid()}/attendance");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = await cluster.Replica1.CreateClient().GetAsync($"/api/teams/{team.Id}/events/{e.Id}/attendance");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var otherTeam = await stranger.CreateTeamAsync();
        using var wrongTeam = await stranger.SendAsync(HttpMethod.Get, $"/api/teams/{otherTeam.Id}/events/{e.Id}/attendance");
        await wrongTeam.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static Task<EventDto> CreateAsync(TestUser owner, TeamDto team, CreateEventRequest request) =>
        owner.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events", request);

    private static Task<EventDto> UpdateAsync(TestUser owner, EventDto e, UpdateEventRequest request) =>
        owner.SendOkAsync<EventDto>(HttpMethod.Patch, $"/api/teams/{e.TeamId}/events/{e.Id}", request);

    private static Task<EventDto> GetAsync(TestUser user, EventDto e) =>
        user.SendOkAsync<EventDto>(HttpMethod.Get, $"/api/teams/{e.TeamId}/events/{e.Id}");

    /// <summary>Removes <paramref name="member"/> from the team, or has them leave when they are the actor.</summary>
    private static async Task RemoveAsync(TestUser actor, TeamDto team, TestUser member)
    {
        using var response = await actor.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static Task<AttendanceDto> AttendanceAsync(TestUser user, EventDto e) =>
        user.SendOkAsync<AttendanceDto>(HttpMethod.Get, $"/api/teams/{e.TeamId}/events/{e.Id}/attendance");

    private static async Task<List<NotificationDto>> PromotionsAsync(TestUser user) =>
        [.. (await user.NotificationsAsync()).Where(n => n.Type == NotificationTypes.EventPromoted)];

    private static string? EventId(NotificationDto notification) => notification.Data.GetProperty("event").GetProperty("id").GetString();
}
