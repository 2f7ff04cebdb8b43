using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.Presence;

namespace Squadra.Api.Tests.NotificationPreferences;

/// <summary>
/// PUT and DELETE /api/me/notification-pause: a pause shows on every replica and reaches the user's other devices,
/// resuming ends it, and every refusal. What a pause withholds: <see cref="EmailDigestTests"/> (the digest waits) and
/// <c>PushDeliveryTests</c> (nothing pushed).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NotificationPauseTests(ApiCluster cluster)
{
    private const string Path = "/api/me/notification-pause";
    private const string Preferences = "/api/me/notification-preferences";
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    // Whole seconds, so instants read back from PostgreSQL (microseconds) compare equal.
    private static DateTimeOffset InWholeSeconds(TimeSpan ahead) =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.Add(ahead).ToUnixTimeSeconds());

    [Fact]
    public async Task APauseShowsOnEveryReplicaReachesTheOtherDevicesAndResumingEndsIt()
    {
        var user = await cluster.NewUserAsync();
        await using var otherDevice = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), user.Token);
        var until = InWholeSeconds(TimeSpan.FromHours(2));

        // Any offset: the instant is what counts.
        using (var paused = await user.SendAsync(HttpMethod.Put, Path, new NotificationPauseRequest(until.ToOffset(TimeSpan.FromHours(-5)))))
            Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);

        Assert.Equal(until, (await otherDevice.WaitForPauseAsync(p => p.Until is not null, s_delivery)).Until);
        Assert.Equal(until, (await user.On(cluster.Replica2.CreateClient()).SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Preferences)).PausedUntil);
        // The preferences' answers carry it too.
        Assert.Equal(until, (await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, Preferences, new { })).PausedUntil);

        using (var resumed = await user.SendAsync(HttpMethod.Delete, Path))
            Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);

        await otherDevice.WaitForPauseAsync(p => p.Until is null, s_delivery);
        Assert.Null((await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Preferences)).PausedUntil);
        // Resuming what is not paused is no error: it sets a state.
        using var again = await user.SendAsync(HttpMethod.Delete, Path);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task ThePeopleOfTheUsersChatsSeeThePauseLiveAndInTheirPresenceAndNobodyElse()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();
        await using var teammate = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), owner.Token);
        await using var outsider = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), stranger.Token);
        var until = InWholeSeconds(TimeSpan.FromHours(1));

        using (var paused = await member.SendAsync(HttpMethod.Put, Path, new NotificationPauseRequest(until)))
            Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);

        var pushed = await teammate.WaitForMemberPauseAsync(p => p.UserId == member.User.Id, s_delivery);
        Assert.Equal(until, pushed.Until);
        var presence = await owner.SendOkAsync<List<PresenceDto>>(HttpMethod.Get, $"/api/presence?userIds={member.User.Id}");
        Assert.Equal(until, Assert.Single(presence).PausedUntil);

        using (var resumed = await member.SendAsync(HttpMethod.Delete, Path))
            Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);

        await teammate.WaitForMemberPauseAsync(p => p.UserId == member.User.Id && p.Until is null, s_delivery);
        Assert.Null(Assert.Single(await owner.SendOkAsync<List<PresenceDto>>(HttpMethod.Get, $"/api/presence?userIds={member.User.Id}")).PausedUntil);
        // Someone who shares no chat with them heard nothing, and is told nothing when asking.
        Assert.Empty(outsider.MemberPauses);
        Assert.Empty(await stranger.SendOkAsync<List<PresenceDto>>(HttpMethod.Get, $"/api/presence?userIds={member.User.Id}"));
    }

    [Fact]
    public async Task APauseThatEndedReadsAsNone()
    {
        var user = await cluster.NewUserAsync();
        using (var paused = await user.SendAsync(HttpMethod.Put, Path, new NotificationPauseRequest(DateTimeOffset.UtcNow.AddSeconds(1))))
            Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        Assert.NotNull((await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Preferences)).PausedUntil);

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Null((await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Preferences)).PausedUntil);
    }

    [Fact]
    public async Task AnonymousCallsAndBadInstantsAreRefusedAndChangeNothing()
    {
        var user = await cluster.NewUserAsync();
        var anonymous = cluster.Replica1.CreateClient();

        using var anonymousPut = await anonymous.PutAsJsonAsync(Path, new NotificationPauseRequest(DateTimeOffset.UtcNow.AddHours(1)));
        using var anonymousDelete = await anonymous.DeleteAsync(Path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousDelete.StatusCode);

        using (var missing = await user.SendAsync(HttpMethod.Put, Path, new { }))
            await missing.AssertValidationProblemAsync("until");
        using (var past = await user.SendAsync(HttpMethod.Put, Path, new NotificationPauseRequest(DateTimeOffset.UtcNow.AddMinutes(-1))))
            await past.AssertValidationProblemAsync("until");
        using (var tooFar = await user.SendAsync(HttpMethod.Put, Path, new NotificationPauseRequest(DateTimeOffset.UtcNow + NotificationPauseRules.MaxAhead + TimeSpan.FromDays(1))))
            await tooFar.AssertValidationProblemAsync("until");
        using (var notAnInstant = await user.SendAsync(HttpMethod.Put, Path, new { until = "tomorrow" }))
            await notAnInstant.AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Null((await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Preferences)).PausedUntil);
    }
}
