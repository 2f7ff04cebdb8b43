using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Push;
using Squadra.Contracts.Saved;
using Squadra.Testing;

namespace Squadra.Api.Tests.Push;

/// <summary>
/// Notifications reaching browsers through a push service of the tests' own (<see cref="TestPushService"/>, which checks
/// the VAPID token and decrypts each message): once per subscription even with two replicas sending, only the pushed
/// types, a subscription the push service says is gone deleted, a failure tried again.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PushDeliveryTests(ApiCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(20);
    private TestPushService _pushService = null!;

    public async Task InitializeAsync() => _pushService = await TestPushService.StartAsync(ApiFactory.Vapid.PublicKey);

    public async Task DisposeAsync() => await _pushService.DisposeAsync();

    /// <summary>A replica that sends push messages, and accepts the test push service's http:// endpoints.</summary>
    private ApiFactory Sender(string name)
    {
        var replica = cluster.StartReplica($"{name}-{Guid.NewGuid():N}"[..20], settings: new Dictionary<string, string>
        {
            ["Push:Enabled"] = "true",
            ["Push:AllowInsecureEndpoints"] = "true",
            ["Push:PollInterval"] = "00:00:00.200",
            // Reminders due go off within a fifth of a second here (every replica's sweep, 10 s, would do too).
            ["Saved:Reminders:PollInterval"] = "00:00:00.200",
        });
        replica.StartServer();
        return replica;
    }

    private async Task<TestPushSubscription> SubscribeAsync(TestUser user, ApiFactory replica)
    {
        var browser = _pushService.NewSubscription();
        using var response = await user.On(replica.CreateClient()).SendAsync(HttpMethod.Post, "/api/push/subscriptions", browser.Request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return browser;
    }

    private static async Task<bool> ReceivedAsync(TestPushSubscription browser, int count) =>
        await Eventually.FindAsync(() => browser.Received.Count >= count, s_delivery);

    /// <summary>Why nothing arrived: what the push service refused, and the outbox's errors.</summary>
    private async Task<string> DiagnosisAsync() =>
        $"refused: [{string.Join("; ", _pushService.Refusals)}], outbox: " + await Sql.ScalarAsync<string>(cluster.ConnectionString,
            "SELECT coalesce(string_agg(attempts || ' ' || coalesce(last_error, '-'), '; '), 'empty') FROM push_outbox");

    [Fact]
    public async Task AnInvitationAMentionADmAndAnEventReachEverySubscriptionOnceWithTwoReplicasSending()
    {
        await using var sender1 = Sender("api-push-a");
        await using var sender2 = Sender("api-push-b");
        var (owner, member) = (await cluster.NewUserAsync(), await cluster.NewUserAsync());
        var (phone, laptop) = (await SubscribeAsync(member, sender1), await SubscribeAsync(member, sender2));
        var ownersBrowser = await SubscribeAsync(owner, sender1);
        var team = await owner.CreateTeamAsync();

        var invitation = await owner.InviteAsync(team, member);
        await member.AcceptAsync(invitation);
        await owner.PostAsync(team, "a plain message: no push");
        var mention = await owner.PostAsync(team, $"@{member.Username} can you bring the   boat\nkeys?");
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new { userIds = new[] { member.User.Id } });
        var direct = await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest("see you there"));
        var training = await owner.CreateEventAsync(team, "Training", DateTimeOffset.UtcNow.AddDays(3));

        foreach (var browser in new[] { phone, laptop })
        {
            Assert.True(await ReceivedAsync(browser, 4), $"got {browser.Received.Count} of 4; {await DiagnosisAsync()}");
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(_pushService.Refusals);
        foreach (var browser in new[] { phone, laptop })
        {
            Assert.Equal(4, browser.Requests);
            var received = browser.Received.ToDictionary(p => p.Type);
            Assert.Equal(
                new PushPayload(NotificationTypes.InvitationReceived, $"Invitation to {team.Name}", $"{owner.User.DisplayName} invited you to join {team.Name}.", "/invitations"),
                received[NotificationTypes.InvitationReceived]);
            Assert.Equal(
                new PushPayload(NotificationTypes.MessageMentioned, $"{owner.User.DisplayName} mentioned you in {team.Name}", $"@{member.Username} can you bring the boat keys?", $"/teams/{team.Id}?message={mention.Seq}"),
                received[NotificationTypes.MessageMentioned]);
            Assert.Equal(
                new PushPayload(NotificationTypes.DmMessage, owner.User.DisplayName, "see you there", $"/dms/{dm.Id}?message={direct.Seq}"),
                received[NotificationTypes.DmMessage]);
            Assert.Equal(
                new PushPayload(NotificationTypes.EventCreated, $"New event in {team.Name}", "Training", $"/teams/{team.Id}/calendar?event={training.Id}"),
                received[NotificationTypes.EventCreated]);
        }
        // The owner was told of the acceptance and the new member, which are not pushed.
        Assert.Equal(0, ownersBrowser.Requests);
        Assert.Equal(0, await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id WHERE s.user_id = @member",
            ("member", Guid.Parse(member.User.Id))));
        Assert.NotNull(mention);
    }

    [Fact]
    public async Task ASubscriptionThePushServiceSaysIsGoneIsDeleted()
    {
        await using var sender = Sender("api-push");
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var browser = await SubscribeAsync(member, sender);
        browser.NextAnswers.Enqueue(410);

        await owner.PostAsync(team, $"@{member.Username} first");

        Assert.True(await Eventually.FindAsync(async () => await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM push_subscriptions WHERE endpoint = @endpoint", ("endpoint", browser.Endpoint)) == 0, s_delivery), "not deleted");
        await owner.PostAsync(team, $"@{member.Username} second");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, browser.Requests);
        Assert.Empty(browser.Received);
    }

    [Fact]
    public async Task AFailureIsTriedAgainAndTheMessageArrivesOnce()
    {
        await using var sender = Sender("api-push");
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var browser = await SubscribeAsync(member, sender);
        browser.NextAnswers.Enqueue(500);

        await owner.PostAsync(team, $"@{member.Username} are you there?");

        Assert.True(await ReceivedAsync(browser, 1), $"never delivered; {await DiagnosisAsync()}");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, browser.Requests);
        Assert.Equal($"@{member.Username} are you there?", Assert.Single(browser.Received).Body);
        Assert.Empty(_pushService.Refusals);
    }

    [Fact]
    public async Task NothingIsQueuedForARecipientWithoutSubscriptionsOrForTypesThatAreNotPushed()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await owner.PostAsync(team, $"@{member.Username} nobody's browser");

        using var response = await member.SendAsync(HttpMethod.Get, "/api/notifications?limit=50");
        Assert.Contains((await response.Content.ReadFromJsonAsync<List<NotificationDto>>())!, n => n.Type == NotificationTypes.MessageMentioned);
        Assert.Equal(0, await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id WHERE s.user_id = ANY(@users)",
            ("users", new[] { Guid.Parse(owner.User.Id), Guid.Parse(member.User.Id) })));
    }

    [Fact]
    public async Task AKindTheRecipientTurnedOffForPushIsNotSent()
    {
        await using var sender = Sender("api-push-p");
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var browser = await SubscribeAsync(member, sender);
        await member.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, "/api/me/notification-preferences",
            new NotificationPreferencesChange(Mentions: new(Push: false)));

        await owner.PostAsync(team, $"@{member.Username} not on your phone");
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest("but this one, yes"));

        Assert.True(await ReceivedAsync(browser, 1), $"got nothing; {await DiagnosisAsync()}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal([NotificationTypes.DmMessage], browser.Received.Select(p => p.Type));
    }

    [Fact]
    public async Task AReminderIsPushedEvenWhenEveryKindIsTurnedOffForPush()
    {
        await using var sender = Sender("api-push-r");
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var browser = await SubscribeAsync(member, sender);
        var off = new ChannelChange(Push: false);
        await member.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, "/api/me/notification-preferences",
            new NotificationPreferencesChange(off, off, off, off));
        var message = await owner.PostAsync(team, $"@{member.Username} book the minibus");
        using (var saved = await member.SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/messages/{message.Id}/saved", new SaveRequest(true)))
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);

        // They asked for it: no preference silences it (the mention above, turned off, is not pushed).
        using (var reminder = await member.SendAsync(HttpMethod.Put, $"/api/saved/{message.Id}/reminder",
                   new ReminderRequest(DateTimeOffset.UtcNow.AddSeconds(1))))
            Assert.Equal(HttpStatusCode.NoContent, reminder.StatusCode);

        Assert.True(await ReceivedAsync(browser, 1), $"got nothing; {await DiagnosisAsync()}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal([NotificationTypes.MessageReminder], browser.Received.Select(p => p.Type));
    }

    [Fact]
    public async Task NothingIsPushedWhileTheRecipientPausedNotificationsNorAfter()
    {
        await using var sender = Sender("api-push-z");
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var browser = await SubscribeAsync(member, sender);
        using (var paused = await member.SendAsync(HttpMethod.Put, "/api/me/notification-pause", new NotificationPauseRequest(DateTimeOffset.UtcNow.AddHours(1))))
            Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);

        await owner.PostAsync(team, $"@{member.Username} during the pause");
        using (var resumed = await member.SendAsync(HttpMethod.Delete, "/api/me/notification-pause"))
            Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest("after it"));

        // The mention is in the app (the bell), never pushed, not even once the pause is over.
        Assert.True(await ReceivedAsync(browser, 1), $"got nothing; {await DiagnosisAsync()}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal([NotificationTypes.DmMessage], browser.Received.Select(p => p.Type));
        Assert.Contains(await member.NotificationsAsync(), n => n.Type == NotificationTypes.MessageMentioned);
    }
}
