using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.NotificationPreferences;

namespace Squadra.Api.Tests.NotificationPreferences;

/// <summary>GET and PATCH /api/me/notification-preferences, and the invitation email they govern.</summary>
[Collection(ApiCollection.Name)]
public sealed class NotificationPreferencesTests(ApiCluster cluster)
{
    private const string Path = "/api/me/notification-preferences";

    [Fact]
    public async Task TheDefaultsPushEverythingAndEmailAllButEvents()
    {
        var user = await cluster.NewUserAsync();

        var preferences = await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Path);

        Assert.Equal(new NotificationPreferencesDto(new(true, true), new(true, true), new(true, true), new(true, false)), preferences);
    }

    [Fact]
    public async Task AChangeKeepsWhatItDoesNotNameOnEveryReplica()
    {
        var user = await cluster.NewUserAsync();

        await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, Path,
            new NotificationPreferencesChange(Mentions: new(Email: false), Events: new(Push: false, Email: true)));
        var second = await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, Path,
            new NotificationPreferencesChange(DirectMessages: new(Push: false)));

        var expected = new NotificationPreferencesDto(new(true, true), new(true, false), new(false, true), new(false, true));
        Assert.Equal(expected, second);
        Assert.Equal(expected, await user.On(cluster.Replica2.CreateClient()).SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Path));
        Assert.Equal(expected, await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, Path, new { }));
    }

    [Fact]
    public async Task AnonymousCallsAreRefusedAndAMalformedChangeIsA400()
    {
        var user = await cluster.NewUserAsync();

        using var anonymousGet = await cluster.Replica1.CreateClient().GetAsync(Path);
        using var anonymousPatch = await cluster.Replica1.CreateClient().PatchAsJsonAsync(Path, new NotificationPreferencesChange(Mentions: new(Email: false)));
        using var malformed = await user.SendAsync(HttpMethod.Patch, Path, new { mentions = new { email = "no" } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousGet.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPatch.StatusCode);
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True((await user.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Get, Path)).Mentions.Email);
    }

    [Fact]
    public async Task AnInvitationByUsernameIsEmailedToAnInviteeWhoHasAnAddressAndWantsIt()
    {
        var owner = await cluster.NewUserAsync();
        var team = await owner.CreateTeamAsync("Chess club");
        var (wanting, wantingAddress) = await cluster.NewUserWithAddressAsync();
        var (declining, decliningAddress) = await cluster.NewUserWithAddressAsync();
        await declining.SendOkAsync<NotificationPreferencesDto>(HttpMethod.Patch, Path, new NotificationPreferencesChange(Invitations: new(Email: false)));

        await owner.InviteAsync(team, wanting);
        await owner.InviteAsync(team, declining);
        await owner.InviteAsync(team, await cluster.NewUserAsync());

        var email = Assert.Single(await Outbox.EmailsToAsync(cluster.ConnectionString, wantingAddress));
        Assert.Equal($"{owner.User.DisplayName} invited you to Chess club on Squadra", email.Subject);
        Assert.Equal("/invitations", email.Link.AbsolutePath);
        Assert.Empty(await Outbox.EmailsToAsync(cluster.ConnectionString, decliningAddress));
    }
}
