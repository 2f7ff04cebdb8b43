using System.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;

namespace Squadra.Api.Tests.Chat;

/// <summary>Pinned messages (docs/api-extensions.md, "Pinned messages"): a chat's shared list, changed like an edit.</summary>
[Collection(ApiCollection.Name)]
public sealed class PinTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    private static Task<HttpResponseMessage> PinAsync(TestUser user, string chatPath, string messageId, object body) =>
        user.SendAsync(HttpMethod.Put, $"{chatPath}/messages/{messageId}/pinned", body);

    private static Task<MessageDto> PinOkAsync(TestUser user, string chatPath, string messageId, bool pinned = true) =>
        user.SendOkAsync<MessageDto>(HttpMethod.Put, $"{chatPath}/messages/{messageId}/pinned", new PinMessageRequest(pinned));

    private static Task<List<MessageDto>> PinnedAsync(TestUser user, string chatPath) =>
        user.SendOkAsync<List<MessageDto>>(HttpMethod.Get, $"{chatPath}/messages/pinned");

    private static Task<MessageDto> PostAsync(TestUser author, string chatPath, string body) =>
        author.SendOkAsync<MessageDto>(HttpMethod.Post, $"{chatPath}/messages", new PostMessageRequest(body));

    [Fact]
    public async Task AnyMemberPinsForEveryoneTheListIsNewestPinnedFirstAndUnpinningTakesItOff()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var chat = $"/api/teams/{team.Id}";
        var kit = await PostAsync(owner, chat, "Kit: white shirts, black shorts");
        var schedule = await PostAsync(owner, chat, "Season schedule attached");
        Assert.Null(kit.PinnedAt);
        Assert.Empty(await PinnedAsync(member, chat));

        var pinnedKit = await PinOkAsync(member, chat, kit.Id);
        var pinnedSchedule = await PinOkAsync(owner, chat, schedule.Id);

        Assert.NotNull(pinnedKit.PinnedAt);
        Assert.Equal(member.User.Id, pinnedKit.PinnedBy);
        Assert.True(pinnedKit.Revision > kit.Revision);
        Assert.True(pinnedKit.ChangeSeq > kit.ChangeSeq);
        Assert.Equal([schedule.Id, kit.Id], (await PinnedAsync(owner, chat)).Select(m => m.Id));
        Assert.Equal(pinnedKit, (await owner.HistoryAsync(team)).Single(m => m.Id == kit.Id));
        // What is already so changes nothing: the same message, no new revision.
        Assert.Equal(pinnedSchedule, await PinOkAsync(member, chat, schedule.Id));

        var unpinned = await PinOkAsync(owner, chat, kit.Id, pinned: false);
        Assert.Null(unpinned.PinnedAt);
        Assert.Null(unpinned.PinnedBy);
        Assert.Equal(unpinned, await PinOkAsync(owner, chat, kit.Id, pinned: false));
        Assert.Equal([schedule.Id], (await PinnedAsync(member, chat)).Select(m => m.Id));
        // A reader who had everything up to the pin learns of the unpin by catching up on changes.
        Assert.Equal([kit.Id], (await member.HistoryAsync(team, $"?changedAfter={pinnedSchedule.ChangeSeq}")).Select(m => m.Id));
    }

    [Fact]
    public async Task APinThroughOneReplicaIsPushedToMembersOnTheOtherAndToNoOneElse()
    {
        var author = await TestUser.SignUpAsync(cluster.Replica1.CreateClient());
        var reader = await TestUser.SignUpAsync(cluster.Replica2.CreateClient());
        var outsider = await TestUser.SignUpAsync(cluster.Replica2.CreateClient());
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        var chat = $"/api/teams/{team.Id}";
        var message = await PostAsync(author, chat, "Gate code 4711");
        await using var readerHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), reader.Token);
        await using var outsiderHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), outsider.Token);

        var pinned = await PinOkAsync(author, chat, message.Id);
        Assert.Equal(pinned, await readerHub.WaitForUpdateAsync(m => m.Id == message.Id && m.PinnedAt is not null, s_delivery));
        var unpinned = await PinOkAsync(author, chat, message.Id, pinned: false);
        Assert.Equal(unpinned, await readerHub.WaitForUpdateAsync(m => m.Id == message.Id && m.Revision == unpinned.Revision, s_delivery));

        await Task.Delay(300);
        Assert.Empty(outsiderHub.ChatUpdates);
    }

    [Fact]
    public async Task ADmsMembersPinInItAndNobodyElseCanReadOrChangeItsPins()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var teamMate = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, teamMate);
        var dm = await owner.SendOkAsync<DmDto>(HttpMethod.Post, "/api/dms", new CreateDmRequest([member.User.Id]));
        var chat = $"/api/dms/{dm.Id}";
        var message = await PostAsync(owner, chat, "our address");
        var inTeam = await PostAsync(owner, $"/api/teams/{team.Id}", "team message");

        Assert.Equal(member.User.Id, (await PinOkAsync(member, chat, message.Id)).PinnedBy);
        Assert.Equal([message.Id], (await PinnedAsync(owner, chat)).Select(m => m.Id));

        foreach (var (who, path, id) in new[]
        {
            (teamMate, chat, message.Id),                  // not in the DM
            (owner, $"/api/dms/{team.Id}", inTeam.Id),     // a team's id under /api/dms/
            (owner, $"/api/teams/{dm.Id}", message.Id),    // a DM's id under /api/teams/
        })
        {
            using var pin = await PinAsync(who, path, id, new PinMessageRequest(false));
            await pin.AssertProblemAsync(HttpStatusCode.NotFound);
            using var list = await who.SendAsync(HttpMethod.Get, $"{path}/messages/pinned");
            await list.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Single(await PinnedAsync(member, chat));
        Assert.Null((await owner.HistoryAsync(team)).Single().PinnedAt);
    }

    [Fact]
    public async Task StrangersUnknownMessagesAndMessagesOfAnotherTeamAreNotFoundAndAMissingAnswerIsRefused()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var chat = $"/api/teams/{team.Id}";
        var message = await PostAsync(owner, chat, "ours");
        var stranger = await cluster.NewUserAsync();
        var otherTeam = await owner.CreateTeamAsync();
        var elsewhere = await PostAsync(owner, $"/api/teams/{otherTeam.Id}", "theirs");

        foreach (var (who, path, id) in new[]
        {
            (stranger, chat, message.Id),
            (owner, chat, Guid.NewGuid().ToString()),
            (owner, chat, elsewhere.Id),
            (owner, $"/api/teams/{Guid.NewGuid()}", message.Id),
        })
        {
            using var response = await PinAsync(who, path, id, new PinMessageRequest(true));
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using (var list = await stranger.SendAsync(HttpMethod.Get, $"{chat}/messages/pinned"))
        {
            await list.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        foreach (var body in new object[] { new { }, new PinMessageRequest(null) })
        {
            using var missing = await PinAsync(owner, chat, message.Id, body);
            await missing.AssertValidationProblemAsync("pinned");
        }
        using (var notBoolean = await PinAsync(owner, chat, message.Id, new { pinned = "yes" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notBoolean.StatusCode);
        }
        var anonymous = cluster.Replica1.CreateClient();
        using (var put = await anonymous.PutAsync($"{chat}/messages/{message.Id}/pinned", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        }
        using (var get = await anonymous.GetAsync($"{chat}/messages/pinned"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        }
        Assert.Empty(await PinnedAsync(owner, chat));
        Assert.Empty(await PinnedAsync(owner, $"/api/teams/{otherTeam.Id}"));
    }

    [Fact]
    public async Task ADeletedMessageIsUnpinnedAndCannotBePinnedAgain()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var chat = $"/api/teams/{team.Id}";
        var message = await PostAsync(member, chat, "pinned then deleted");
        await PinOkAsync(owner, chat, message.Id);

        using (var deleted = await member.SendAsync(HttpMethod.Delete, $"{chat}/messages/{message.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Empty(await PinnedAsync(owner, chat));
        Assert.Null((await owner.HistoryAsync(team)).Single().PinnedAt);
        using (var pin = await PinAsync(owner, chat, message.Id, new PinMessageRequest(true)))
        {
            await pin.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        // Unpinning it is what is already so.
        Assert.Null((await PinOkAsync(owner, chat, message.Id, pinned: false)).PinnedAt);
    }

    [Fact]
    public async Task AChatHoldsFiftyPinsTheFiftyFirstIsRefusedAndPinningOneAlreadyPinnedStillAnswers()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var chat = $"/api/teams/{team.Id}";
        var messages = new List<MessageDto>();
        for (var i = 0; i <= PinRules.MaxPerChat; i++)
        {
            messages.Add(await PostAsync(owner, chat, $"message {i}"));
        }
        foreach (var message in messages.Take(PinRules.MaxPerChat))
        {
            await PinOkAsync(owner, chat, message.Id);
        }

        using (var refused = await PinAsync(member, chat, messages[^1].Id, new PinMessageRequest(true)))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        Assert.NotNull((await PinOkAsync(member, chat, messages[0].Id)).PinnedAt);
        await PinOkAsync(member, chat, messages[0].Id, pinned: false);
        Assert.Equal(member.User.Id, (await PinOkAsync(member, chat, messages[^1].Id)).PinnedBy);
        Assert.Equal(PinRules.MaxPerChat, (await PinnedAsync(owner, chat)).Count);
    }
}
