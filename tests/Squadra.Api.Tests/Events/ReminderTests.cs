using Microsoft.Extensions.Time.Testing;
using Squadra.Api.Features.Events;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Events;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Tests.Events;

[Collection(ApiCollection.Name)]
public sealed class ReminderTests(ApiCluster cluster) : IAsyncLifetime
{
    // Far in the future, so no other test's events fall into this test's reminder window.
    private static readonly DateTimeOffset s_now = new(2040, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // Only the sweeping replicas run on the fake clock; people use the real replicas, whose tokens carry real time.
    private readonly FakeTimeProvider _clock = new(s_now);
    private SweepingReplicas<ReminderSweeper> _sweepers = null!;

    public Task InitializeAsync()
    {
        var settings = new Dictionary<string, string> { ["Events:Reminders:Enabled"] = "false", ["Events:Reminders:Lead"] = "01:00:00" };
        _sweepers = new(cluster, "api-sweeper", _clock, settings, (sweeper, ct) => sweeper.SweepAsync(ct));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sweepers.DisposeAsync();

    [Fact]
    public async Task RemindersGoOnceToGoingAndMaybeEvenWhenTwoReplicasSweepTogether()
    {
        var client = cluster.Replica1.CreateClient();
        var owner = await TestUser.SignUpAsync(client);
        var maybe = await TestUser.SignUpAsync(client);
        var declined = await TestUser.SignUpAsync(client);
        var silent = await TestUser.SignUpAsync(client);
        var team = await owner.CreateTeamAsync();
        foreach (var member in new[] { maybe, declined, silent })
        {
            await owner.AddMemberAsync(team, member);
        }
        var soon = await owner.CreateEventAsync(team, "Soon", s_now.AddMinutes(90));
        var later = await owner.CreateEventAsync(team, "Later", s_now.AddDays(2));
        foreach (var e in new[] { soon, later })
        {
            await owner.RsvpAsync(e, "going");
            await maybe.RsvpAsync(e, "maybe");
            await declined.RsvpAsync(e, "declined");
        }

        await SweepManyTimesOnBothAsync();
        Assert.Empty(await RemindersAsync(owner));

        _clock.Advance(TimeSpan.FromMinutes(31));
        await SweepManyTimesOnBothAsync();

        foreach (var person in new[] { owner, maybe })
        {
            var reminder = Assert.Single(await RemindersAsync(person));
            Assert.Equal(soon.Id, reminder.Data.GetProperty("event").GetProperty("id").GetString());
        }
        Assert.Empty(await RemindersAsync(declined));
        Assert.Empty(await RemindersAsync(silent));
    }

    [Fact]
    public async Task MovingAnEventLaterArmsItsReminderAgainAndCancellingDisarmsIt()
    {
        var client = cluster.Replica2.CreateClient();
        var owner = await TestUser.SignUpAsync(client);
        var team = await owner.CreateTeamAsync();
        var moved = await owner.CreateEventAsync(team, "Moved", s_now.AddMinutes(30));
        var cancelled = await owner.CreateEventAsync(team, "Cancelled", s_now.AddDays(3).AddMinutes(30));
        await owner.RsvpAsync(moved, "going");
        await owner.RsvpAsync(cancelled, "going");
        await SweepManyTimesOnBothAsync();
        Assert.Single(await RemindersAsync(owner));

        await owner.SendOkAsync<Squadra.Contracts.Events.EventDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/events/{moved.Id}",
            new Squadra.Contracts.Events.UpdateEventRequest(StartsAt: EventClient.Instant(s_now.AddDays(3))));
        await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/events/{cancelled.Id}");
        _clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(10));
        await SweepManyTimesOnBothAsync();

        Assert.Equal(2, (await RemindersAsync(owner)).Count(n => n.Data.GetProperty("event").GetProperty("id").GetString() == moved.Id));
        Assert.DoesNotContain(await RemindersAsync(owner), n => n.Data.GetProperty("event").GetProperty("id").GetString() == cancelled.Id);
    }

    [Fact]
    public async Task MembersWhoHaveNotAnsweredAreAskedOnceTheLeadBeforeTheStart()
    {
        var client = cluster.Replica1.CreateClient();
        var owner = await TestUser.SignUpAsync(client);
        var answered = await TestUser.SignUpAsync(client);
        var silent = await TestUser.SignUpAsync(client);
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, answered);
        await owner.AddMemberAsync(team, silent);
        // Default lead 48 h; one event asks 2 h before, one never, one closed its answers already.
        var match = await owner.CreateEventAsync(team, "Match", s_now.AddHours(50));
        var late = await owner.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest("Late", EventClient.Instant(s_now.AddHours(50)), RsvpRequestLeadMinutes: 120));
        var never = await owner.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest("Never", EventClient.Instant(s_now.AddHours(50)), RsvpRequestLeadMinutes: 0));
        var closed = await owner.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest("Closed", EventClient.Instant(s_now.AddHours(50)), RsvpDeadline: EventClient.Instant(s_now.AddHours(1))));
        foreach (var e in new[] { match, late, never, closed })
        {
            await answered.RsvpAsync(e, "declined");
        }

        await SweepManyTimesOnBothAsync();
        Assert.Empty(await RequestsAsync(silent));

        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await SweepManyTimesOnBothAsync();
        Assert.Equal([match.Id], (await RequestsAsync(silent)).Select(EventId));
        Assert.Equal([match.Id], (await RequestsAsync(owner)).Select(EventId));
        Assert.Empty(await RequestsAsync(answered));

        _clock.Advance(TimeSpan.FromHours(46));
        await SweepManyTimesOnBothAsync();
        Assert.Equal([match.Id, late.Id], (await RequestsAsync(silent)).Select(EventId));
    }

    [Fact]
    public async Task AnEventMadeAfterItsRequestWasDueAsksNobody()
    {
        var client = cluster.Replica2.CreateClient();
        var owner = await TestUser.SignUpAsync(client);
        var silent = await TestUser.SignUpAsync(client);
        var team = await owner.CreateTeamAsync();
        await owner.AddMemberAsync(team, silent);
        // Made (on the sweepers' clock) a day before its start: everyone was told of it then, and asking again
        // at once would be noise.
        var tomorrow = await owner.CreateEventAsync(team, "Tomorrow", s_now.AddDays(1));
        await Sql.ExecuteAsync(cluster.ConnectionString, "UPDATE events SET created_at = @at WHERE id = @id",
            ("at", s_now.UtcDateTime), ("id", Guid.Parse(tomorrow.Id)));

        await SweepManyTimesOnBothAsync();
        _clock.Advance(TimeSpan.FromHours(12));
        await SweepManyTimesOnBothAsync();

        Assert.Empty(await RequestsAsync(silent));
    }

    private Task SweepManyTimesOnBothAsync() => _sweepers.SweepManyTimesOnBothAsync();

    private static async Task<List<NotificationDto>> RequestsAsync(TestUser user) =>
        [.. (await user.NotificationsAsync()).Where(n => n.Type == NotificationTypes.EventRsvpRequested)];

    private static string? EventId(NotificationDto notification) => notification.Data.GetProperty("event").GetProperty("id").GetString();

    private static async Task<List<NotificationDto>> RemindersAsync(TestUser user) =>
        [.. (await user.NotificationsAsync()).Where(n => n.Type == NotificationTypes.EventReminder)];
}
