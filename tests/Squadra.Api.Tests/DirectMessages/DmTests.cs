using System.Net.Http.Json;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Notifications;
using Squadra.Testing;

namespace Squadra.Api.Tests.DirectMessages;

[Collection(ApiCollection.Name)]
public sealed partial class DmTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    private static Task<HttpResponseMessage> OpenAsync(TestUser caller, params object?[] userIds) =>
        caller.SendAsync(HttpMethod.Post, "/api/dms", new { userIds }, idempotencyKey: Guid.NewGuid().ToString());

    private static async Task<(HttpStatusCode Status, DmDto Dm)> OpenWithAsync(TestUser caller, params TestUser[] others)
    {
        using var response = await OpenAsync(caller, [.. others.Select(o => o.User.Id)]);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<DmDto>())!);
    }

    private static string Messages(DmDto dm) => $"/api/dms/{dm.Id}/messages";

    private static Task<MessageDto> PostAsync(TestUser author, DmDto dm, string body) =>
        author.SendOkAsync<MessageDto>(HttpMethod.Post, Messages(dm), new PostMessageRequest(body));

    [Fact]
    public async Task TwoPeopleWhoShareATeamHaveOneDmWhoeverOpensItAndHowOften()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();

        var (created, dm) = await OpenWithAsync(owner, member);
        var (again, same) = await OpenWithAsync(owner, member);
        var (fromTheOtherSide, theirs) = await OpenWithAsync(member, owner);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (created, again, fromTheOtherSide));
        Assert.Equal(dm.Id, same.Id);
        Assert.Equal(dm.Id, theirs.Id);
        Assert.Equal(new[] { owner.User.Id, member.User.Id }.Order(), dm.Members.Select(m => m.Id).Order());
        Assert.Equal((0L, 0L), (dm.LastMessageSeq, dm.LastReadSeq));
        Assert.Equal([dm.Id], (await member.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms")).Select(d => d.Id));
        Assert.Equal(dm, await owner.SendOkAsync<DmDto>(HttpMethod.Get, $"/api/dms/{dm.Id}"));
    }

    [Fact]
    public async Task AGroupDmHoldsNinePeopleAndNoMore()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var others = new List<TestUser>();
        for (var i = 0; i < DmRules.MaxOthers + 1; i++)
        {
            var user = await cluster.NewUserAsync();
            await owner.AddMemberAsync(team, user);
            others.Add(user);
        }

        var (status, group) = await OpenWithAsync(owner, [.. others.Take(DmRules.MaxOthers)]);
        using var tooMany = await OpenAsync(owner, [.. others.Select(o => o.User.Id)]);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(9, group.Members.Count);
        await tooMany.AssertValidationProblemAsync("userIds");
    }

    [Fact]
    public async Task BadMemberListsAreRefused()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();

        foreach (var userIds in new object?[][] { [], [owner.User.Id], [member.User.Id, member.User.Id], ["not an id"], [null] })
        {
            using var response = await OpenAsync(owner, userIds);
            await response.AssertValidationProblemAsync("userIds");
        }
        using var missing = await owner.SendAsync(HttpMethod.Post, "/api/dms", new { }, idempotencyKey: Guid.NewGuid().ToString());
        await missing.AssertValidationProblemAsync("userIds");
        Assert.Empty(await owner.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms"));
    }

    [Fact]
    public async Task SomeoneTheCallerSharesNoTeamWithIsNotFoundLikeSomeoneWhoDoesNotExist()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();

        using var withStranger = await OpenAsync(owner, member.User.Id, stranger.User.Id);
        using var withNobody = await OpenAsync(owner, Guid.NewGuid().ToString());

        await withStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        await withNobody.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await owner.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms"));
        Assert.Empty(await stranger.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms"));
    }

    [Fact]
    public async Task DmsAreListedMostRecentlyActiveFirst()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);
        var (_, older) = await OpenWithAsync(owner, member);
        var (_, newer) = await OpenWithAsync(owner, third);
        Assert.Equal([newer.Id, older.Id], (await owner.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms")).Select(d => d.Id));

        var posted = await PostAsync(member, older, "back to the top");

        var listed = await owner.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms");
        Assert.Equal([older.Id, newer.Id], listed.Select(d => d.Id));
        Assert.Equal((1L, posted.CreatedAt), (listed[0].LastMessageSeq, listed[0].LastActivityAt));
    }

    [Fact]
    public async Task ADmsChatIsTeamChatWithItsOwnSeqsAndNoTeam()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        await owner.PostAsync(team, "in the team");
        var (_, dm) = await OpenWithAsync(owner, member);

        var first = await PostAsync(owner, dm, "just us");
        var second = await PostAsync(member, dm, "indeed @" + owner.Username);
        var edited = await owner.SendOkAsync<MessageDto>(HttpMethod.Patch, $"{Messages(dm)}/{first.Id}", new EditMessageRequest("just us two"));
        var reacted = await member.SendOkAsync<MessageDto>(HttpMethod.Put, $"{Messages(dm)}/{edited.Id}/reactions/{Uri.EscapeDataString("👍")}");
        using (var deleted = await member.SendAsync(HttpMethod.Delete, $"{Messages(dm)}/{second.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal((1L, 2L), (first.Seq, second.Seq));
        Assert.Equal((dm.Id, (string?)null), (first.DmId, first.TeamId));
        Assert.Equal([owner.User.Id], second.Mentions);
        var history = await owner.SendOkAsync<List<MessageDto>>(HttpMethod.Get, Messages(dm));
        Assert.Equal([("just us two", "👍", false), ("", "", true)],
            history.Select(m => (m.Body, string.Concat(m.Reactions.Select(r => r.Emoji)), m.Deleted)));
        Assert.Equal([second.Id], (await owner.SendOkAsync<List<MessageDto>>(HttpMethod.Get, $"{Messages(dm)}?changedAfter={reacted.ChangeSeq}")).Select(m => m.Id));
        Assert.Equal(["in the team"], (await owner.HistoryAsync(team)).Select(m => m.Body));
    }

    [Fact]
    public async Task ADmHasThreadsAsATeamHas()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        var (_, dm) = await OpenWithAsync(owner, member);
        var root = await PostAsync(owner, dm, "which day?");

        var reply = await member.SendOkAsync<MessageDto>(HttpMethod.Post, Messages(dm), new PostMessageRequest("Friday", root.Id));
        var thread = await owner.SendOkAsync<List<MessageDto>>(HttpMethod.Get, $"{Messages(dm)}/{root.Id}/thread");

        Assert.Equal((2L, root.Id, dm.Id), (reply.Seq, reply.ThreadRootId, reply.DmId));
        Assert.Equal([root.Id, reply.Id], thread.Select(m => m.Id));
        Assert.Equal(1, thread[0].ReplyCount);
        Assert.NotEqual(reply.ChangeSeq, thread[0].ChangeSeq);
        using var outsider = await (await cluster.NewUserAsync()).SendAsync(HttpMethod.Get, $"{Messages(dm)}/{root.Id}/thread");
        await outsider.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryOtherMemberIsToldOfEachDmMessageAndTheAuthorIsNot()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);
        var (_, dm) = await OpenWithAsync(owner, member, third);

        var posted = await PostAsync(owner, dm, "hello both @" + member.Username);

        foreach (var told in new[] { member, third })
        {
            var notice = Assert.Single(await told.NotificationsAsync(), n => n.Type == NotificationTypes.DmMessage);
            Assert.Equal(posted.Id, notice.Data.GetProperty("message").GetProperty("id").GetString());
            Assert.Null(notice.TeamId);
        }
        Assert.DoesNotContain(await owner.NotificationsAsync(), n => n.Type == NotificationTypes.DmMessage);
        // In a DM a mention tells nobody more: dm.message already did.
        Assert.DoesNotContain(await member.NotificationsAsync(), n => n.Type == NotificationTypes.MessageMentioned);
    }

    [Fact]
    public async Task ReadingADmReadsItsMessagesNotificationsAndNoOthers()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var third = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, third);
        var (_, read) = await OpenWithAsync(owner, member);
        var (_, other) = await OpenWithAsync(third, member);
        await PostAsync(owner, read, "one");
        await PostAsync(owner, read, "two");
        await PostAsync(third, other, "elsewhere");
        var stranger = await cluster.NewUserAsync();

        using (var byStranger = await stranger.SendAsync(HttpMethod.Post, "/api/notifications/read", new MarkReadRequest(null, read.Id)))
        {
            Assert.Equal(HttpStatusCode.NoContent, byStranger.StatusCode);
        }
        var before = (await member.NotificationsAsync()).Where(n => n.ReadAt is null).ToList();
        Assert.Equal(3, before.Count(n => n.Type == NotificationTypes.DmMessage));
        using (var marked = await member.SendAsync(HttpMethod.Post, "/api/notifications/read", new MarkReadRequest(null, read.Id)))
        {
            Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        }

        var unread = (await member.NotificationsAsync()).Where(n => n.ReadAt is null).ToList();
        Assert.Equal(["elsewhere"], unread.Where(n => n.Type == NotificationTypes.DmMessage).Select(n => n.Data.GetProperty("message").GetProperty("body").GetString()));
        Assert.Equal(before.Count(n => n.Type != NotificationTypes.DmMessage), unread.Count(n => n.Type != NotificationTypes.DmMessage));
        Assert.Equal(before.Count - 2, (await member.SendOkAsync<UnreadCountDto>(HttpMethod.Get, "/api/notifications/unread-count")).Count);
        foreach (var refused in new[] { new MarkReadRequest(5, read.Id), new MarkReadRequest(null, "not an id") })
        {
            using var response = await member.SendAsync(HttpMethod.Post, "/api/notifications/read", refused);
            await response.AssertValidationProblemAsync("dmId");
        }
    }

    [Fact]
    public async Task ADmMessageReachesTheOtherMemberLiveOnTheOtherReplicaThoughTheDmIsNewerThanTheConnection()
    {
        var (owner, member, _) = await cluster.TeamOfTwoAsync();
        await using var memberHub = await HubListener.ConnectAsync(cluster.Replica2.CreateClient(), member.Token);
        var (_, dm) = await OpenWithAsync(owner, member);

        // The DM's group is joined when its membership is announced: give that a moment, as a client would.
        var pushed = await Eventually.FindAsync(async () =>
        {
            var posted = await PostAsync(owner, dm, "live?");
            return await Eventually.FindAsync(() => memberHub.ChatMessages.FirstOrDefault(m => m.Id == posted.Id), TimeSpan.FromSeconds(1));
        }, s_delivery);

        Assert.NotNull(pushed);
        Assert.Equal((dm.Id, (string?)null), (pushed.DmId, pushed.TeamId));
        await memberHub.WaitForNotificationAsync(n => n.Type == NotificationTypes.DmMessage, s_delivery);
    }

    [Fact]
    public async Task NobodyOutsideADmReadsPostsOrLearnsItExists()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var teammate = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, teammate);
        var (_, dm) = await OpenWithAsync(owner, member);
        var message = await PostAsync(owner, dm, "between us");
        var stranger = await cluster.NewUserAsync();

        foreach (var outsider in new[] { teammate, stranger })
        {
            foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
            {
                (HttpMethod.Get, $"/api/dms/{dm.Id}", null),
                (HttpMethod.Get, Messages(dm), null),
                (HttpMethod.Get, $"{Messages(dm)}?changedAfter=0", null),
                (HttpMethod.Post, Messages(dm), new PostMessageRequest("let me in")),
                (HttpMethod.Patch, $"{Messages(dm)}/{message.Id}", new EditMessageRequest("mine")),
                (HttpMethod.Delete, $"{Messages(dm)}/{message.Id}", null),
                (HttpMethod.Put, $"{Messages(dm)}/{message.Id}/reactions/{Uri.EscapeDataString("👀")}", null),
            })
            {
                using var response = await outsider.SendAsync(method, path, body, idempotencyKey: Guid.NewGuid().ToString());
                await response.AssertProblemAsync(HttpStatusCode.NotFound);
            }
            Assert.Empty(await outsider.SendOkAsync<List<DmDto>>(HttpMethod.Get, "/api/dms"));
        }
        Assert.Equal(["between us"], (await member.SendOkAsync<List<MessageDto>>(HttpMethod.Get, Messages(dm))).Select(m => m.Body));
    }

    [Fact]
    public async Task NoTeamEndpointKnowsADmAndNoDmEndpointKnowsATeam()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var (_, dm) = await OpenWithAsync(owner, member);
        await PostAsync(owner, dm, "not a team");

        // Every route of a team, asked by a DM member with the DM's id: none may answer, forbid or conflict.
        var teamRoutes = cluster.Replica1.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/teams/{teamId", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (method, e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(teamRoutes.Count > 15, $"only {teamRoutes.Count} team routes found");
        foreach (var (method, pattern) in teamRoutes)
        {
            var path = RouteParameter().Replace(pattern, match => match.Groups[1].Value switch
            {
                "teamId" => dm.Id,
                "userId" => member.User.Id,
                "emoji" => Uri.EscapeDataString("👍"),
                _ => Guid.NewGuid().ToString(),
            });
            using var response = await owner.SendAsync(new HttpMethod(method), path, method is "GET" or "DELETE" ? null : new { }, Guid.NewGuid().ToString());
            // The calendar feed takes no bearer token but its own signed one: refused before any team is looked at.
            var expected = pattern.EndsWith(".ics", StringComparison.Ordinal) ? [HttpStatusCode.Unauthorized] : new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest };
            Assert.True(expected.Contains(response.StatusCode), $"{method} {path}: {(int)response.StatusCode}");
        }
        Assert.Equal([team.Id], (await owner.SendOkAsync<List<Squadra.Contracts.Teams.TeamDto>>(HttpMethod.Get, "/api/teams")).Select(t => t.Id));

        foreach (var path in new[] { $"/api/dms/{team.Id}", $"/api/dms/{team.Id}/messages" })
        {
            using var response = await owner.SendAsync(HttpMethod.Get, path);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        using var post = await owner.SendAsync(HttpMethod.Post, $"/api/dms/{team.Id}/messages", new PostMessageRequest("wrong door"), Guid.NewGuid().ToString());
        await post.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
