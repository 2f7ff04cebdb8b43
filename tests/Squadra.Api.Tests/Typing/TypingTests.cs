using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Typing;
using Squadra.Testing;

namespace Squadra.Api.Tests.Typing;

[Collection(ApiCollection.Name)]
public sealed class TypingTests(ApiCluster cluster)
{
    // The contract's 300 ms from keystroke to screen, with room for a loaded test machine.
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _replica1 = cluster.Replica1.CreateClient();
    private readonly HttpClient _replica2 = cluster.Replica2.CreateClient();

    [Fact]
    public async Task TypingReachesTheOtherMembersOnTheOtherReplicaButNotTheTypistNorOutsiders()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var outsider = await cluster.NewUserAsync();
        await outsider.CreateTeamAsync();
        await using var typist = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var typistsOtherDevice = await HubListener.ConnectAsync(_replica2, owner.Token);
        await using var memberHub = await HubListener.ConnectAsync(_replica2, member.Token);
        await using var outsiderHub = await HubListener.ConnectAsync(_replica2, outsider.Token);

        await typist.TypingAsync(team.Id, null);

        var pushed = await memberHub.WaitForTypingAsync(_ => true, s_delivery);
        Assert.Equal(new TypingPush(team.Id, null, owner.User), pushed);
        await Task.Delay(s_quiet);
        Assert.Empty(typist.Typing);
        Assert.Empty(typistsOtherDevice.Typing);
        Assert.Empty(outsiderHub.Typing);
    }

    [Fact]
    public async Task AtMostOneSignalEveryTwoSecondsPerConnectionIsPassedOn()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await using var typist = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var memberHub = await HubListener.ConnectAsync(_replica1, member.Token);

        for (var i = 0; i < 5; i++)
        {
            await typist.TypingAsync(team.Id, null);
        }
        await memberHub.WaitForTypingAsync(_ => true, s_delivery);
        await Task.Delay(s_quiet);
        Assert.Single(memberHub.Typing);

        await Task.Delay(TimeSpan.FromSeconds(2));
        await typist.TypingAsync(team.Id, null);
        Assert.True(await Eventually.FindAsync(() => memberHub.Typing.Count == 2, s_delivery));
    }

    [Fact]
    public async Task TypingInADmReachesItsOtherMemberAsTheDms()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        await using var typist = await HubListener.ConnectAsync(_replica2, owner.Token);
        await using var memberHub = await HubListener.ConnectAsync(_replica1, member.Token);

        await typist.TypingAsync(null, dm.Id);

        Assert.Equal(new TypingPush(null, dm.Id, owner.User), await memberHub.WaitForTypingAsync(_ => true, s_delivery));
    }

    [Fact]
    public async Task ASignalFromANonMemberOrNamingTheWrongKindOrNothingGoesNowhere()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var outsider = await cluster.NewUserAsync();
        await using var outsiderHub = await HubListener.ConnectAsync(_replica1, outsider.Token);
        // Each refused signal from its own connection, so no throttle hides a refusal.
        await using var dmAsTeam = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var teamAsDm = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var both = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var neither = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var garbage = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var memberHub = await HubListener.ConnectAsync(_replica2, member.Token);

        await outsiderHub.TypingAsync(team.Id, null);
        await outsiderHub.TypingAsync(null, dm.Id);
        await dmAsTeam.TypingAsync(dm.Id, null);
        await teamAsDm.TypingAsync(null, team.Id);
        await both.TypingAsync(team.Id, dm.Id);
        await neither.TypingAsync(null, null);
        await garbage.TypingAsync("not-an-id", null);

        await Task.Delay(s_quiet);
        Assert.Empty(memberHub.Typing);
        // The connections are fine, and one that is a member is heard.
        await both.TypingAsync(team.Id, null);
        await memberHub.WaitForTypingAsync(_ => true, s_delivery);
    }
}
