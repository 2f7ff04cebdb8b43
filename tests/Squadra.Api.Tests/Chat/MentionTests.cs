using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Chat;

[Collection(ApiCollection.Name)]
public sealed class MentionTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(2);

    private static async Task<List<NotificationDto>> MentionsOfAsync(TestUser user, MessageDto message) =>
        [.. (await user.NotificationsAsync()).Where(n =>
            n.Type == NotificationTypes.MessageMentioned && n.Data.GetProperty("message").GetProperty("id").GetString() == message.Id)];

    private static Task<MessageDto> EditAsync(TestUser user, TeamDto team, MessageDto message, string body) =>
        user.SendOkAsync<MessageDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{message.Id}", new EditMessageRequest(body));

    [Fact]
    public async Task AMentionedMemberIsListedInTheMessageEverywhereAndNotifiedOnce()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();

        var message = await owner.PostAsync(team, $"@{member.Username.ToUpperInvariant()} see you at 6, @{member.Username}.");

        Assert.Equal([member.User.Id], message.Mentions);
        Assert.False(message.MentionsAll);
        Assert.Equal(message, (await member.HistoryAsync(team)).Single());
        Assert.Equal(message, (await member.HistoryAsync(team, "?after=0")).Single());
        var notice = Assert.Single(await MentionsOfAsync(member, message));
        Assert.Equal(team.Id, notice.TeamId);
        Assert.Equal(team.Name, notice.Data.GetProperty("teamName").GetString());
        Assert.Equal(message.Body, notice.Data.GetProperty("message").GetProperty("body").GetString());
        Assert.Empty(await MentionsOfAsync(owner, message));
    }

    [Fact]
    public async Task UnknownNamesStrangersTheAuthorCodeAndEmailAddressesMentionNobody()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();

        var message = await owner.PostAsync(team,
            $"@nobody_{Guid.NewGuid():N}"[..20] + $" @{stranger.Username} @{owner.Username} `@{member.Username}` mail {member.Username}@example.com\n```\n@{member.Username}\n```");

        Assert.Empty(message.Mentions);
        Assert.Empty(await MentionsOfAsync(member, message));
        Assert.Empty(await MentionsOfAsync(stranger, message));
        Assert.Empty(await MentionsOfAsync(owner, message));
    }

    [Fact]
    public async Task AMemberWhoLeftIsNeitherMentionedNorNotified()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        using var left = await member.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}");
        left.EnsureSuccessStatusCode();

        var message = await owner.PostAsync(team, $"@{member.Username} are you coming back?");

        Assert.Empty(message.Mentions);
        Assert.Empty(await MentionsOfAsync(member, message));
    }

    [Fact]
    public async Task AllFromAnOwnerNotifiesEveryOtherMemberOnceAndFromAMemberNobody()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);

        var fromOwner = await owner.PostAsync(team, $"@all training moved; @{member.Username} bring the keys");
        var fromMember = await member.PostAsync(team, "@all who has the keys?");

        Assert.True(fromOwner.MentionsAll);
        Assert.Equal([member.User.Id], fromOwner.Mentions);
        Assert.Single(await MentionsOfAsync(member, fromOwner));
        Assert.Single(await MentionsOfAsync(third, fromOwner));
        Assert.Empty(await MentionsOfAsync(owner, fromOwner));
        Assert.False(fromMember.MentionsAll);
        Assert.Empty(fromMember.Mentions);
        Assert.Empty(await MentionsOfAsync(owner, fromMember));
        Assert.Empty(await MentionsOfAsync(third, fromMember));
    }

    [Fact]
    public async Task AnAdminMayMentionAll()
    {
        var (owner, admin, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);
        await owner.SendOkAsync<MemberDto>(HttpMethod.Put, $"/api/teams/{team.Id}/members/{admin.User.Id}/role", new ChangeRoleRequest(TeamRoles.Admin));

        var message = await admin.PostAsync(team, "@ALL kit check");

        Assert.True(message.MentionsAll);
        Assert.Single(await MentionsOfAsync(owner, message));
        Assert.Single(await MentionsOfAsync(third, message));
    }

    [Fact]
    public async Task AnEditTellsOnlyTheNewlyMentionedAndNobodyTwice()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);
        var message = await owner.PostAsync(team, $"hi @{member.Username}");

        var added = await EditAsync(owner, team, message, $"hi @{member.Username} and @{third.Username}");
        var removed = await EditAsync(owner, team, message, "hi all");
        var restored = await EditAsync(owner, team, message, $"hi @{third.Username} @{member.Username}");

        Assert.Equal([member.User.Id, third.User.Id], added.Mentions);
        Assert.Empty(removed.Mentions);
        Assert.Equal([third.User.Id, member.User.Id], restored.Mentions);
        Assert.True(restored.Revision > removed.Revision);
        Assert.Equal(restored, (await member.HistoryAsync(team)).Single());
        Assert.Single(await MentionsOfAsync(member, message));
        Assert.Single(await MentionsOfAsync(third, message));
    }

    [Fact]
    public async Task AMentionIsPushedWithTheMessageAndItsNotificationOnTheOtherReplica()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var author = await TestUser.SignUpAsync(replica1);
        var reader = await TestUser.SignUpAsync(replica2);
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        await using var readerHub = await HubListener.ConnectAsync(replica2, reader.Token);
        await using var authorHub = await HubListener.ConnectAsync(replica2, author.Token);

        var message = await author.PostAsync(team, $"@{reader.Username} ping");
        var pushed = await readerHub.WaitForMessageAsync(m => m.Id == message.Id, s_delivery);
        var notice = await readerHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.MessageMentioned, s_delivery);

        Assert.Equal(message, pushed);
        Assert.Equal(message.Id, notice.Data.GetProperty("message").GetProperty("id").GetString());
        Assert.Equal([reader.User.Id], notice.Data.GetProperty("message").GetProperty("mentions").EnumerateArray().Select(e => e.GetString()));
        await Task.Delay(300);
        Assert.DoesNotContain(authorHub.Notifications, n => n.Type == NotificationTypes.MessageMentioned);
    }

    [Fact]
    public async Task ADeletedMessageMentionsNobody()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var message = await owner.PostAsync(team, $"@all and @{member.Username}");

        using var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{message.Id}");
        deleted.EnsureSuccessStatusCode();

        var shown = (await member.HistoryAsync(team)).Single();
        Assert.Empty(shown.Mentions);
        Assert.False(shown.MentionsAll);
    }
}
