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
        AssertPush(team.Id, null, [owner], pushed);
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

        AssertPush(null, dm.Id, [owner], await memberHub.WaitForTypingAsync(_ => true, s_delivery));
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

    [Fact]
    public async Task TypistsWhoStartTogetherAreEachNamedOnceToEveryoneButThemselves()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await third.AcceptAsync(await owner.InviteAsync(team, third));
        await using var ownerHub = await HubListener.ConnectAsync(_replica1, owner.Token);
        await using var memberHub = await HubListener.ConnectAsync(_replica1, member.Token);
        await using var thirdHub = await HubListener.ConnectAsync(_replica2, third.Token);

        // The first goes out at once; the two others start within the window after it, so (unless this machine is
        // slower than 250 ms) each replica names them in one push at its end: TypingWindowsTests times that exactly.
        await ownerHub.TypingAsync(team.Id, null);
        await thirdHub.WaitForTypingAsync(_ => true, s_delivery);
        await Task.WhenAll(memberHub.TypingAsync(team.Id, null), thirdHub.TypingAsync(team.Id, null));

        Assert.True(await Eventually.HoldsAsync(() => ownerHub.Typing.Sum(p => p.Typists.Count) == 2, s_delivery));
        Assert.True(await Eventually.HoldsAsync(() => memberHub.Typing.Sum(p => p.Typists.Count) == 2, s_delivery));
        await Task.Delay(s_quiet);
        Assert.Equal(Ids(member, third), Ids(ownerHub));
        Assert.Equal(Ids(owner, third), Ids(memberHub));
        Assert.Equal(Ids(owner, member), Ids(thirdHub));
    }

    private static string[] Ids(params TestUser[] users) => [.. users.Select(u => u.User.Id).Order()];

    private static string[] Ids(HubListener hub) => [.. hub.Typing.SelectMany(p => p.Typists).Select(u => u.Id).Order()];

    private static void AssertPush(string? teamId, string? dmId, IReadOnlyList<TestUser> typists, TypingPush push)
    {
        Assert.Equal((teamId, dmId), (push.TeamId, push.DmId));
        Assert.Equal(typists[0].User, push.User);
        Assert.Equal(typists.Select(t => t.User), push.Typists);
    }
}
