using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Squadra.Api.Features.Saved;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Saved;

namespace Squadra.Api.Tests.Saved;

/// <summary>Reminders on saved messages: set, listed, told to the other devices, sent once at their instant, refused.</summary>
[Collection(ApiCollection.Name)]
public sealed class SavedReminderTests(ApiCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    // People use the real replicas (real time: a reminder an hour ahead is never due there during the test); only the
    // two sweeping replicas run on a clock the test moves.
    // Whole seconds, so instants read back from PostgreSQL (microseconds) compare equal.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private SweepingReplicas<SavedReminderSweeper> _sweepers = null!;

    public Task InitializeAsync()
    {
        _sweepers = new(cluster, "api-saved-sweeper", _clock, new Dictionary<string, string> { ["Saved:Reminders:Enabled"] = "false" },
            (sweeper, ct) => sweeper.SweepAsync(ct));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sweepers.DisposeAsync();

    private static Task<HttpResponseMessage> RemindAsync(TestUser user, string messageId, object body) =>
        user.SendAsync(HttpMethod.Put, $"/api/saved/{messageId}/reminder", body);

    private static async Task RemindOkAsync(TestUser user, string messageId, DateTimeOffset at)
    {
        using var response = await RemindAsync(user, messageId, new ReminderRequest(at));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task SaveOkAsync(TestUser user, string chatPath, string messageId, bool saved = true)
    {
        using var response = await user.SendAsync(HttpMethod.Put, $"{chatPath}/messages/{messageId}/saved", new SaveRequest(saved));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static Task<MessageDto> PostAsync(TestUser author, string chatPath, string body) =>
        author.SendOkAsync<MessageDto>(HttpMethod.Post, $"{chatPath}/messages", new PostMessageRequest(body));

    private static async Task<SavedMessageDto> SavedAsync(TestUser user, string messageId) =>
        (await user.SendOkAsync<List<SavedMessageDto>>(HttpMethod.Get, "/api/saved")).Single(s => s.Message.Id == messageId);

    private static async Task<List<NotificationDto>> RemindersAsync(TestUser user) =>
        [.. (await user.NotificationsAsync()).Where(n => n.Type == NotificationTypes.MessageReminder)];

    private Task SweepManyTimesOnBothAsync() => _sweepers.SweepManyTimesOnBothAsync();

    [Fact]
    public async Task AReminderIsListedToldToTheOtherDeviceAndSentOnceAtItsInstantEvenWithTwoSweepers()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var message = await PostAsync(owner, path, "Send the match report to the league");
        await SaveOkAsync(member, path, message.Id);
        await using var otherDevice = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), member.Token);
        var at = _clock.GetUtcNow().AddHours(1);

        // Any offset: the instant is what counts.
        await RemindOkAsync(member, message.Id, at.ToOffset(TimeSpan.FromHours(-5)));

        var pushed = await otherDevice.WaitForSaveAsync(s => s.MessageId == message.Id && s.RemindAt is not null, s_delivery);
        Assert.Equal(at, pushed.RemindAt);
        Assert.True(pushed.Saved);
        Assert.Equal(at, (await SavedAsync(member, message.Id)).RemindAt);
        await SweepManyTimesOnBothAsync();
        Assert.Empty(await RemindersAsync(member));

        _clock.Advance(TimeSpan.FromMinutes(61));
        await SweepManyTimesOnBothAsync();

        var reminder = Assert.Single(await RemindersAsync(member));
        Assert.Equal(team.Id, reminder.TeamId);
        var data = reminder.Data.Deserialize<MessageReminderData>(JsonSerializerOptions.Web)!;
        Assert.Equal((message.Id, "Send the match report to the league", team.Name), (data.Message.Id, data.Message.Body, data.TeamName));
        Assert.Empty(await RemindersAsync(owner));
        // Still saved, without its reminder, on every device.
        Assert.Null((await SavedAsync(member, message.Id)).RemindAt);
        await otherDevice.WaitForSaveAsync(s => s.MessageId == message.Id && s.Saved && s.RemindAt is null, s_delivery);
        _clock.Advance(TimeSpan.FromDays(1));
        await SweepManyTimesOnBothAsync();
        Assert.Single(await RemindersAsync(member));
    }

    [Fact]
    public async Task AReminderInADmNamesNoTeamAndAMovedOrRemovedOneGoesOffAtTheNewInstantOrNever()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var path = $"/api/dms/{dm.Id}";
        var moved = await PostAsync(owner, path, "Call me about the kit");
        var removed = await PostAsync(owner, path, "Never mind");
        await SaveOkAsync(member, path, moved.Id);
        await SaveOkAsync(member, path, removed.Id);
        var now = _clock.GetUtcNow();
        await RemindOkAsync(member, moved.Id, now.AddMinutes(30));
        await RemindOkAsync(member, removed.Id, now.AddMinutes(30));

        await RemindOkAsync(member, moved.Id, now.AddHours(3));
        using (var removal = await member.SendAsync(HttpMethod.Delete, $"/api/saved/{removed.Id}/reminder"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removal.StatusCode);
        }
        Assert.Null((await SavedAsync(member, removed.Id)).RemindAt);
        _clock.Advance(TimeSpan.FromHours(1));
        await SweepManyTimesOnBothAsync();
        Assert.Empty(await RemindersAsync(member));

        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await SweepManyTimesOnBothAsync();

        var reminder = Assert.Single(await RemindersAsync(member));
        Assert.Null(reminder.TeamId);
        var data = reminder.Data.Deserialize<MessageReminderData>(JsonSerializerOptions.Web)!;
        Assert.Equal((moved.Id, dm.Id, (string?)null), (data.Message.Id, data.Message.DmId, data.TeamName));
    }

    [Fact]
    public async Task AReminderOfAMessageDeletedUnsavedOrOfAChatLeftSaysNothing()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var deleted = await PostAsync(owner, path, "Soon deleted");
        var unsaved = await PostAsync(owner, path, "Soon unsaved");
        var (otherOwner, leaver, otherTeam) = await cluster.TeamOfTwoAsync();
        var left = await PostAsync(otherOwner, $"/api/teams/{otherTeam.Id}", "In a team soon left");
        foreach (var message in new[] { deleted, unsaved })
        {
            await SaveOkAsync(member, path, message.Id);
            await RemindOkAsync(member, message.Id, _clock.GetUtcNow().AddMinutes(10));
        }
        await SaveOkAsync(leaver, $"/api/teams/{otherTeam.Id}", left.Id);
        await RemindOkAsync(leaver, left.Id, _clock.GetUtcNow().AddMinutes(10));

        using (var delete = await owner.SendAsync(HttpMethod.Delete, $"{path}/messages/{deleted.Id}"))
        {
            Assert.True(delete.IsSuccessStatusCode);
        }
        await SaveOkAsync(member, path, unsaved.Id, saved: false);
        using (var leave = await leaver.SendAsync(HttpMethod.Delete, $"/api/teams/{otherTeam.Id}/members/{leaver.User.Id}"))
        {
            Assert.True(leave.IsSuccessStatusCode);
        }
        _clock.Advance(TimeSpan.FromMinutes(11));
        await SweepManyTimesOnBothAsync();

        Assert.Empty(await RemindersAsync(member));
        Assert.Empty(await RemindersAsync(leaver));
        // Saved again, the message has no reminder: it went with the unsaving.
        await SaveOkAsync(member, path, unsaved.Id);
        Assert.Null((await SavedAsync(member, unsaved.Id)).RemindAt);
    }

    [Fact]
    public async Task AReminderIsRefusedWithoutAnInstantInTheNextYearAndForAnyMessageTheCallerHasNotSaved()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var path = $"/api/teams/{team.Id}";
        var saved = await PostAsync(owner, path, "Saved by the member");
        var notSaved = await PostAsync(owner, path, "Saved by nobody");
        var deleted = await PostAsync(owner, path, "Saved, then deleted");
        await SaveOkAsync(member, path, saved.Id);
        await SaveOkAsync(member, path, deleted.Id);
        using (var delete = await owner.SendAsync(HttpMethod.Delete, $"{path}/messages/{deleted.Id}"))
        {
            Assert.True(delete.IsSuccessStatusCode);
        }
        var stranger = await cluster.NewUserAsync();
        var now = DateTimeOffset.UtcNow;

        foreach (var body in new object[] { new { }, new ReminderRequest(null), new ReminderRequest(now.AddMinutes(-1)), new ReminderRequest(now.AddDays(400)) })
        {
            using var refused = await RemindAsync(member, saved.Id, body);
            await refused.AssertValidationProblemAsync("remindAt");
        }
        using (var notAnInstant = await RemindAsync(member, saved.Id, new { remindAt = "tomorrow" }))
        {
            await notAnInstant.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        // Another's saved message, one nobody saved, a deleted one, one that does not exist: not theirs to be reminded of.
        foreach (var (who, id) in new[] { (owner, saved.Id), (stranger, saved.Id), (member, notSaved.Id), (member, deleted.Id), (member, Guid.NewGuid().ToString()) })
        {
            using var put = await RemindAsync(who, id, new ReminderRequest(now.AddHours(1)));
            await put.AssertProblemAsync(HttpStatusCode.NotFound);
            using var removal = await who.SendAsync(HttpMethod.Delete, $"/api/saved/{id}/reminder");
            await removal.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var anonymous = await cluster.Replica1.CreateClient().PutAsync($"/api/saved/{saved.Id}/reminder", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        Assert.Null((await SavedAsync(member, saved.Id)).RemindAt);
    }
}
