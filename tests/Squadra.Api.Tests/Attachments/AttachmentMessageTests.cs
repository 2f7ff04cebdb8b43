using System.Net;
using System.Net.Http.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Search;

namespace Squadra.Api.Tests.Attachments;

/// <summary>Messages carrying attachments: posted, pushed, read back everywhere, deleted; and every refused attachment.</summary>
[Collection(ApiCollection.Name)]
public sealed class AttachmentMessageTests(ApiCluster cluster)
{
    private static readonly TimeSpan s_delivery = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task AMessageWithAttachmentsIsPushedLiveAndReadBackFromHistoryThreadAndSearch()
    {
        var replica1 = cluster.Replica1.CreateClient();
        var replica2 = cluster.Replica2.CreateClient();
        var author = await TestUser.SignUpAsync(replica1);
        var reader = await TestUser.SignUpAsync(replica2);
        var team = await author.CreateTeamAsync();
        await author.AddMemberAsync(team, reader);
        await using var readerHub = await HubListener.ConnectAsync(replica2, reader.Token);
        var photo = await author.UploadOkAsync(team, "photo.png", "image/png", AttachmentClient.Image(640, 480));
        var notes = await author.UploadOkAsync(team, "notes.txt");
        var word = $"kit{Guid.NewGuid():N}"[..12];

        var message = await author.PostOkWithAttachmentsAsync(team, $"the {word} list", notes, photo);
        var pushed = await readerHub.WaitForMessageAsync(m => m.Id == message.Id, s_delivery);
        var history = await reader.HistoryAsync(team);
        var reply = await author.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/teams/{team.Id}/messages",
            new PostMessageRequest("and this", message.Id, [(await author.UploadOkAsync(team, "reply.txt")).Id]));
        var thread = await reader.ThreadAsync(team, message.Id);
        var found = await reader.SendOkAsync<List<SearchResultDto>>(HttpMethod.Get, $"/api/search?q={word}");

        Assert.Equal([notes.Id, photo.Id], message.Attachments.Select(a => a.Id));
        Assert.Equal(Unsigned([notes, photo]), Unsigned(message.Attachments));
        Assert.Equal(Unsigned(message.Attachments), Unsigned(pushed.Attachments));
        Assert.Equal(Unsigned(message.Attachments), Unsigned(history.Single(m => m.Id == message.Id).Attachments));
        Assert.Equal(Unsigned(message.Attachments), Unsigned(thread[0].Attachments));
        Assert.Equal(["reply.txt"], thread[1].Attachments.Select(a => a.Name));
        Assert.Equal(Unsigned(reply.Attachments), Unsigned(thread[1].Attachments));
        Assert.Equal(Unsigned(message.Attachments), Unsigned(found.Single().Message.Attachments));
        using var download = await replica2.DownloadAsync(pushed.Attachments[1].ThumbnailUrl!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    // Urls are signed when answered: two answers an hour boundary apart hand out different ones.
    private static List<AttachmentDto> Unsigned(IEnumerable<AttachmentDto> attachments) =>
        [.. attachments.Select(a => a with { Url = a.Url.Split('?')[0], ThumbnailUrl = a.ThumbnailUrl?.Split('?')[0] })];

    [Fact]
    public async Task AMessageWithAnAttachmentMayHaveNoTextButNotOnlyAnAttachmentsWorthOfBadText()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var first = await owner.UploadOkAsync(team);
        var second = await owner.UploadOkAsync(team);

        var empty = await owner.PostOkWithAttachmentsAsync(team, null, first);
        var blank = await owner.PostOkWithAttachmentsAsync(team, "  ", second);
        using var noneAtAll = await owner.PostWithAttachmentsAsync(team, "");
        using var tooLong = await owner.PostWithAttachmentsAsync(team, new string('a', ChatRules.BodyMaxLength + 1), (await owner.UploadOkAsync(team)).Id);

        Assert.Equal(("", 1), (empty.Body, empty.Attachments.Count));
        Assert.Equal("", blank.Body);
        await noneAtAll.AssertValidationProblemAsync("body");
        await tooLong.AssertValidationProblemAsync("body");
    }

    [Fact]
    public async Task OnlyTheCallersOwnUnattachedUploadsToThisChatCanBeAttached()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var otherTeam = await owner.CreateTeamAsync();
        var members = await member.UploadOkAsync(team);
        var ofOtherTeam = await owner.UploadOkAsync(otherTeam);
        var attached = await owner.UploadOkAsync(team);
        await owner.PostOkWithAttachmentsAsync(team, "first", attached);
        var mine = await owner.UploadOkAsync(team);
        var eleven = await Task.WhenAll(Enumerable.Range(0, AttachmentRules.MaxPerMessage + 1).Select(_ => owner.UploadOkAsync(team)));
        var historyBefore = await owner.HistoryAsync(team);

        string[][] refused =
        [
            [mine.Id, members.Id],
            [ofOtherTeam.Id],
            [attached.Id],
            [.. eleven.Select(a => a.Id)],
            ["not-an-id"],
            [Guid.NewGuid().ToString()],
            [mine.Id, mine.Id],
        ];
        foreach (var ids in refused)
        {
            using var response = await owner.PostWithAttachmentsAsync(team, "with files", ids);
            await response.AssertValidationProblemAsync("attachmentIds");
        }
        var ten = await owner.PostOkWithAttachmentsAsync(team, "ten", [.. eleven.Take(AttachmentRules.MaxPerMessage)]);
        var mineStill = await owner.PostOkWithAttachmentsAsync(team, "mine", mine);

        // Nothing of a refused post was kept: no message, no upload attached.
        Assert.Equal(historyBefore.Count + 2, (await owner.HistoryAsync(team)).Count);
        Assert.Equal(AttachmentRules.MaxPerMessage, ten.Attachments.Count);
        Assert.Equal([mine.Id], mineStill.Attachments.Select(a => a.Id));
    }

    [Fact]
    public async Task EditingAMessageKeepsItsAttachments()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var file = await owner.UploadOkAsync(team);
        var message = await owner.PostOkWithAttachmentsAsync(team, "before", file);

        var edited = await owner.SendOkAsync<MessageDto>(HttpMethod.Patch, $"/api/teams/{team.Id}/messages/{message.Id}", new EditMessageRequest("after"));

        Assert.Equal([file.Id], edited.Attachments.Select(a => a.Id));
    }

    [Fact]
    public async Task AnEditMayEmptyTheTextOfAMessageWithAttachmentsButOfNoOther()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var file = await owner.UploadOkAsync(team);
        var captioned = await owner.PostOkWithAttachmentsAsync(team, "caption", file);
        var textOnly = await owner.PostOkWithAttachmentsAsync(team, "just text");
        string Path(MessageDto message) => $"/api/teams/{team.Id}/messages/{message.Id}";

        var emptied = await owner.SendOkAsync<MessageDto>(HttpMethod.Patch, Path(captioned), new EditMessageRequest("  "));
        using var emptiedWithoutFiles = await owner.SendAsync(HttpMethod.Patch, Path(textOnly), new EditMessageRequest(""));
        using var missing = await owner.SendAsync(HttpMethod.Patch, Path(captioned), new { });
        using var byAnother = await member.SendAsync(HttpMethod.Patch, Path(captioned), new EditMessageRequest(""));

        Assert.Equal("", emptied.Body);
        Assert.Equal([file.Id], emptied.Attachments.Select(a => a.Id));
        Assert.NotNull(emptied.EditedAt);
        await emptiedWithoutFiles.AssertValidationProblemAsync("body");
        await missing.AssertValidationProblemAsync("body");
        await byAnother.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("just text", (await member.HistoryAsync(team)).Single(m => m.Id == textOnly.Id).Body);
    }

    [Fact]
    public async Task ADeletedMessageLosesItsAttachmentsAndTheirUrlsStopWorking()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var photo = await owner.UploadOkAsync(team, "p.png", "image/png", AttachmentClient.Image(50, 50));
        var message = await owner.PostOkWithAttachmentsAsync(team, "soon gone", photo);
        var anonymous = cluster.Replica2.CreateClient();

        using var deleted = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{message.Id}");
        using var content = await anonymous.DownloadAsync(photo.Url);
        using var thumbnail = await anonymous.DownloadAsync(photo.ThumbnailUrl!);
        using var read = await member.SendAsync(HttpMethod.Get, $"/api/attachments/{photo.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await content.AssertProblemAsync(HttpStatusCode.NotFound);
        await thumbnail.AssertProblemAsync(HttpStatusCode.NotFound);
        await read.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await member.HistoryAsync(team)).Single(m => m.Id == message.Id).Attachments);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM attachment_blobs WHERE attachment_id = @id", ("id", Guid.Parse(photo.Id))));
    }

    [Fact]
    public async Task AnIdempotentRepeatOfAPostWithAttachmentsAnswersTheFirstPost()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var file = await owner.UploadOkAsync(team);
        var key = Guid.NewGuid().ToString();
        var request = new PostMessageRequest("once", AttachmentIds: [file.Id]);

        using var first = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", request, key);
        using var repeat = await owner.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", request, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, repeat.StatusCode));
        Assert.Equal((await first.Content.ReadFromJsonAsync<MessageDto>())!.Id, (await repeat.Content.ReadFromJsonAsync<MessageDto>())!.Id);
    }
}
