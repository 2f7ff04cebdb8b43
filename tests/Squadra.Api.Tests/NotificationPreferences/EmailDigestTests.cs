using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Features.EmailDigest;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.NotificationPreferences;
using Squadra.Contracts.ReadState;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.NotificationPreferences;

/// <summary>
/// Mentions and DMs still unread after the delay go out as one email (api-v2 "Web push"/preferences, issue 21 item 5).
/// The sweep is run by hand on a replica of its own with a one-second delay, so each test decides when it happens.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EmailDigestTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delay = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task WhatIsStillUnreadAfterTheDelayGoesOutAsOneEmailOnce()
    {
        await using var sweeping = StartSweepingReplica();
        var (ana, bob, address, team) = await TeamWithAddressedMemberAsync();
        await ana.PostAsync(team, $"@{bob.Username} can you bring the keys?");
        var dm = await OpenDmAsync(ana, bob);
        await PostToDmAsync(ana, dm, "See you at 7\nby the boathouse");

        await SweepAfterTheDelayAsync(sweeping);
        await SweepAfterTheDelayAsync(sweeping);

        var digest = Assert.Single(await DigestsToAsync(address));
        Assert.Equal("2 unread notifications on Squadra", digest.Subject);
        Assert.Contains($"{ana.User.DisplayName} mentioned you in {team.Name}: “@{bob.Username} can you bring the keys?”", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{ana.User.DisplayName} sent you a message: “See you at 7 by the boathouse”", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal("/notifications", digest.Link.AbsolutePath);

        await PostToDmAsync(ana, dm, "Running late");
        await SweepAfterTheDelayAsync(sweeping);
        var emails = await DigestsToAsync(address);
        Assert.Equal(2, emails.Count);
        Assert.Equal("1 unread notification on Squadra", emails[1].Subject);
        Assert.DoesNotContain("keys", emails[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatWasReadOnAnyDeviceMeanwhileIsNeverEmailed()
    {
        await using var sweeping = StartSweepingReplica();
        var (ana, bob, address, team) = await TeamWithAddressedMemberAsync();
        var mention = await ana.PostAsync(team, $"@{bob.Username} are you in?");
        var dm = await OpenDmAsync(ana, bob);
        var direct = await PostToDmAsync(ana, dm, "Call me");

        using var readTeam = await bob.On(cluster.Replica2.CreateClient()).SendAsync(HttpMethod.Put, $"/api/teams/{team.Id}/read", new MarkReadRequest(mention.Seq));
        using var readDm = await bob.SendAsync(HttpMethod.Put, $"/api/dms/{dm.Id}/read", new MarkReadRequest(direct.Seq));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (readTeam.StatusCode, readDm.StatusCode));
        await SweepAfterTheDelayAsync(sweeping);

        Assert.Empty(await DigestsToAsync(address));
    }

    [Fact]
    public async Task OnlyTheKindsTheUserWantsByEmailAreInIt()
    {
        await using var sweeping = StartSweepingReplica();
        var (ana, bob, address, team) = await TeamWithAddressedMemberAsync();
        await bob.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, "/api/me/notification-preferences",
            new NotificationPreferencesChange(Mentions: new(Email: false)));
        await ana.PostAsync(team, $"@{bob.Username} ping");
        await PostToDmAsync(ana, await OpenDmAsync(ana, bob), "Only this one");

        await SweepAfterTheDelayAsync(sweeping);

        var digest = Assert.Single(await DigestsToAsync(address));
        Assert.Equal("1 unread notification on Squadra", digest.Subject);
        Assert.DoesNotContain("ping", digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APausedUsersDigestWaitsForThePauseToEndThenHoldsWhatIsStillUnread()
    {
        await using var sweeping = StartSweepingReplica();
        var (ana, bob, address, _) = await TeamWithAddressedMemberAsync();
        var pauseEnds = DateTimeOffset.UtcNow.AddSeconds(3);
        using (var paused = await bob.SendAsync(HttpMethod.Put, "/api/me/notification-pause", new NotificationPauseRequest(pauseEnds)))
            Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        await PostToDmAsync(ana, await OpenDmAsync(ana, bob), "While you were away");

        await SweepAfterTheDelayAsync(sweeping);
        Assert.Empty(await DigestsToAsync(address));

        await Task.Delay(pauseEnds - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        await SweepAfterTheDelayAsync(sweeping);

        var digest = Assert.Single(await DigestsToAsync(address));
        Assert.Contains("While you were away", digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASweepOnTwoReplicasAtOnceSendsOneDigest()
    {
        var (ana, bob, address, _) = await TeamWithAddressedMemberAsync();
        await PostToDmAsync(ana, await OpenDmAsync(ana, bob), "Once, please");
        await using var first = StartSweepingReplica();
        await using var second = StartSweepingReplica();
        await Task.Delay(s_delay + TimeSpan.FromMilliseconds(200));

        await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<EmailDigestSweeper>().DigestDueUsersAsync(CancellationToken.None)),
            Task.Run(() => second.Services.GetRequiredService<EmailDigestSweeper>().DigestDueUsersAsync(CancellationToken.None)));

        Assert.Single(await DigestsToAsync(address));
    }

    // Bob joined by invitation, which he had by email too: only the digests count here.
    private async Task<List<QueuedEmail>> DigestsToAsync(string address) =>
        [.. (await Outbox.EmailsToAsync(cluster.ConnectionString, address)).Where(e => e.Subject.Contains("unread notification", StringComparison.Ordinal))];

    // A replica whose sweeper runs only when a test says so, with a one-second delay.
    private ApiFactory StartSweepingReplica() =>
        cluster.StartReplica($"digest-{Guid.NewGuid():N}"[..16], settings: new Dictionary<string, string>
        {
            ["Email:Digest:Enabled"] = "false",
            ["Email:Digest:Delay"] = "00:00:01",
        });

    private static async Task SweepAfterTheDelayAsync(ApiFactory sweeping)
    {
        await Task.Delay(s_delay + TimeSpan.FromMilliseconds(200));
        var sweeper = sweeping.Services.GetRequiredService<EmailDigestSweeper>();
        while (await sweeper.DigestDueUsersAsync(CancellationToken.None) > 0)
        {
            // Every user due, whatever other tests left.
        }
    }

    private async Task<(TestUser Ana, TestUser Bob, string Address, TeamDto Team)> TeamWithAddressedMemberAsync()
    {
        var ana = await cluster.NewUserAsync();
        var (bob, address) = await cluster.NewUserWithAddressAsync();
        var team = await ana.CreateTeamAsync();
        await ana.AddMemberAsync(team, bob);
        return (ana, bob, address, team);
    }

    private static async Task<DmDto> OpenDmAsync(TestUser caller, TestUser other)
    {
        using var response = await caller.SendAsync(HttpMethod.Post, "/api/dms", new CreateDmRequest([other.User.Id]), Guid.NewGuid().ToString());
        return (await response.Content.ReadFromJsonAsync<DmDto>())!;
    }

    private static Task<MessageDto> PostToDmAsync(TestUser author, DmDto dm, string body) =>
        author.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages", new PostMessageRequest(body));
}
