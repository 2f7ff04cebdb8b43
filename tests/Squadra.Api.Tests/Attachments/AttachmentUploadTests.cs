using System.Net;
using System.Net.Http.Json;
using SkiaSharp;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.DirectMessages;

namespace Squadra.Api.Tests.Attachments;

/// <summary>Uploads (api-v2 "Attachments"): typed by their bytes, thumbnails of images, and every refusal.</summary>
[Collection(ApiCollection.Name)]
public sealed class AttachmentUploadTests(ApiCluster cluster)
{
    [Fact]
    public async Task APngIsAnImageWithItsSizeAThumbnailWithinTheBoxAndItsBytesAsUploaded()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var png = AttachmentClient.Image(1000, 500);

        using var response = await owner.UploadAsync(AttachmentClient.UploadPath(team), "pitch.png", "image/png", png);
        var attachment = (await response.Content.ReadFromJsonAsync<AttachmentDto>())!;
        var anonymous = cluster.Replica2.CreateClient();
        using var content = await anonymous.DownloadAsync(attachment.Url);
        using var thumbnail = await anonymous.DownloadAsync(attachment.ThumbnailUrl!);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/attachments/{attachment.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("pitch.png", "image/png", (long)png.Length, 1000, 500), (attachment.Name, attachment.ContentType, attachment.Size, attachment.Width!.Value, attachment.Height!.Value));
        Assert.True(attachment.IsImage);
        Assert.Equal(png, await content.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", content.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal((400, 200, SKEncodedImageFormat.Webp), AttachmentClient.Decode(await thumbnail.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task AJpegSmallerThanTheBoxKeepsItsSizeInItsThumbnail()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var jpeg = AttachmentClient.Image(300, 200, SKEncodedImageFormat.Jpeg);

        var attachment = await owner.UploadOkAsync(team, "small.jpg", "image/jpeg", jpeg);
        using var thumbnail = await cluster.Replica1.CreateClient().DownloadAsync(attachment.ThumbnailUrl!);
        using var content = await cluster.Replica1.CreateClient().DownloadAsync(attachment.Url);

        Assert.Equal(("image/jpeg", 300, 200), (attachment.ContentType, attachment.Width!.Value, attachment.Height!.Value));
        Assert.Equal((300, 200, SKEncodedImageFormat.Webp), AttachmentClient.Decode(await thumbnail.Content.ReadAsByteArrayAsync()));
        Assert.Equal(jpeg, await content.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task APhotoTurnedByItsExifHasTheSizeItIsShownAtAndSoHasItsThumbnail()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        var attachment = await owner.UploadOkAsync(team, "upright.jpg", "image/jpeg", AttachmentClient.JpegTurnedClockwise(800, 400));
        using var thumbnail = await cluster.Replica1.CreateClient().DownloadAsync(attachment.ThumbnailUrl!);

        Assert.Equal((400, 800), (attachment.Width!.Value, attachment.Height!.Value));
        Assert.Equal((200, 400, SKEncodedImageFormat.Webp), AttachmentClient.Decode(await thumbnail.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task AGifIsAnImageAndItsThumbnailItsFirstFrame()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        // Skia encodes no GIF: the smallest one there is, 1×1, written out.
        byte[] gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];

        var attachment = await owner.UploadOkAsync(team, "dot.gif", "application/octet-stream", gif);

        Assert.Equal(("image/gif", 1, 1), (attachment.ContentType, attachment.Width!.Value, attachment.Height!.Value));
        Assert.NotNull(attachment.ThumbnailUrl);
    }

    [Fact]
    public async Task AFileThatIsNoImageIsADownloadUnderItsNameAndDeclaredType()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8.ToArray();

        var attachment = await owner.UploadOkAsync(team, "Spielplan Frühling.pdf", "application/pdf", pdf);
        using var download = await cluster.Replica2.CreateClient().DownloadAsync(attachment.Url);

        Assert.Equal(("Spielplan Frühling.pdf", "application/pdf", (long)pdf.Length), (attachment.Name, attachment.ContentType, attachment.Size));
        Assert.Null(attachment.Width);
        Assert.Null(attachment.ThumbnailUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Spielplan Frühling.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        AssertServedSafely(download);
    }

    [Theory]
    [InlineData("not-a.png", "image/png", "this is text, not a PNG")]
    [InlineData("logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("page.html", "text/html", "<html><script>alert(1)</script></html>")]
    public async Task AFileClaimingToBeShownInlineIsADownloadWithoutAThumbnail(string name, string declared, string text)
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        var attachment = await owner.UploadOkAsync(team, name, declared, System.Text.Encoding.UTF8.GetBytes(text));
        using var download = await cluster.Replica1.CreateClient().DownloadAsync(attachment.Url);

        Assert.Null(attachment.ThumbnailUrl);
        Assert.Null(attachment.Width);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        AssertServedSafely(download);
    }

    [Fact]
    public async Task ADeclaredTypeThatIsNoMediaTypeIsStoredAsOctetStream()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        var attachment = await owner.UploadOkAsync(team, "data.bin", "*/*", [1, 2, 3]);

        Assert.Equal("application/octet-stream", attachment.ContentType);
    }

    [Fact]
    public async Task TheNameLosesItsFolderAndDirectionOverridesAndIsNfc()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        var attachment = await owner.UploadOkAsync(team, "C:\\Users\\me\\invoice\u202Efdp.exe", "application/octet-stream", [1]);
        var decomposed = await owner.UploadOkAsync(team, "Cafe\u0301.txt", "text/plain", [1]);
        var long_ = await owner.UploadOkAsync(team, new string('a', 300) + ".txt", "text/plain", [1]);

        Assert.Equal("invoicefdp.exe", attachment.Name);
        Assert.Equal("Café.txt", decomposed.Name);
        Assert.Equal(255, long_.Name.Length);
        Assert.EndsWith(".txt", long_.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFilePostedInADmIsItsMembersAlone()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var teammate = await cluster.NewUserAsync();
        await owner.AddMemberAsync(team, teammate);
        var dm = await OpenDmAsync(owner, member);

        var attachment = await owner.UploadOkAsync($"/api/dms/{dm.Id}/attachments", "a.txt", "text/plain", [1]);
        var message = await owner.SendOkAsync<Squadra.Contracts.Chat.MessageDto>(HttpMethod.Post, $"/api/dms/{dm.Id}/messages",
            new Squadra.Contracts.Chat.PostMessageRequest(null, AttachmentIds: [attachment.Id]));
        var read = await member.SendOkAsync<AttachmentDto>(HttpMethod.Get, $"/api/attachments/{attachment.Id}");
        using var outsider = await teammate.SendAsync(HttpMethod.Get, $"/api/attachments/{attachment.Id}");
        using var intoTeam = await owner.PostWithAttachmentsAsync(team, "moved?", (await owner.UploadOkAsync($"/api/dms/{dm.Id}/attachments", "b.txt", "text/plain", [2])).Id);

        Assert.Equal([attachment.Id], message.Attachments.Select(a => a.Id));
        Assert.Equal("a.txt", read.Name);
        await outsider.AssertProblemAsync(HttpStatusCode.NotFound);
        await intoTeam.AssertValidationProblemAsync("attachmentIds");
    }

    [Fact]
    public async Task UploadingToAForeignTeamOrDmOrToNoneIsNotFound()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();
        var dm = await OpenDmAsync(owner, member);

        using var foreignTeam = await stranger.UploadAsync(AttachmentClient.UploadPath(team), "a.txt", "text/plain", [1]);
        using var foreignDm = await stranger.UploadAsync($"/api/dms/{dm.Id}/attachments", "a.txt", "text/plain", [1]);
        using var dmAsTeam = await owner.UploadAsync($"/api/teams/{dm.Id}/attachments", "a.txt", "text/plain", [1]);
        using var unknown = await owner.UploadAsync($"/api/teams/{Guid.NewGuid()}/attachments", "a.txt", "text/plain", [1]);

        Assert.Contains("team", (await foreignTeam.AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("dm", (await foreignDm.AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await dmAsTeam.AssertProblemAsync(HttpStatusCode.NotFound);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUploadWithoutOneNonEmptyFileIsRefused()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var path = AttachmentClient.UploadPath(team);

        using var empty = await owner.UploadAsync(path, "empty.txt", "text/plain", []);
        using var two = await owner.UploadPartsAsync(path, ("file", "a.txt", "text/plain", [1]), ("file", "b.txt", "text/plain", [2]));
        using var otherField = await owner.UploadPartsAsync(path, ("document", "a.txt", "text/plain", [1]));
        using var none = await owner.UploadPartsAsync(path);
        using var json = await owner.SendAsync(HttpMethod.Post, path, new { file = "a.txt" });

        foreach (var response in new[] { empty, two, otherField, none, json })
        {
            await response.AssertValidationProblemAsync(AttachmentRules.FileField);
        }
        Assert.Equal(0L, await UsedBytesAsync(team.Id));
    }

    [Fact]
    public async Task AFileOverTenMiBIsRefusedWithAProblem()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        using var justOver = await owner.UploadAsync(AttachmentClient.UploadPath(team), "big.bin", "application/octet-stream", new byte[AttachmentRules.MaxBytes + 1]);
        var exactly = await owner.UploadOkAsync(team, "max.bin", "application/octet-stream", new byte[AttachmentRules.MaxBytes]);

        await justOver.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(AttachmentRules.MaxBytes, exactly.Size);
    }

    [Fact]
    public async Task ABodyFarOverTheLimitIsRefusedWithAProblemBeforeItIsRead()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, AttachmentClient.UploadPath(team))
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(new byte[12 * 1024 * 1024]), AttachmentRules.FileField, "huge.bin" } },
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", owner.Token);
        // As curl asks for large bodies: the answer comes before the body is sent (a client that sends it anyway has its
        // connection closed once the answer is out, as Kestrel does not read megabytes it refused).
        request.Headers.ExpectContinue = true;

        using var response = await owner.Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ABodyOfUnknownLengthIsReadUpToTheLimitAndRefusedPastItWithNothingStored()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();

        // Chunked, as a browser streams or a proxy forwards a body: no Content-Length to refuse it by beforehand.
        using var small = await SendChunkedAsync(owner, team, new byte[1000]);
        // Just past the request's limit (the file's plus the multipart framing): small enough past it that the client
        // has sent it all before the server answers, so the answer is read rather than the connection found closed.
        using var tooLarge = await SendChunkedAsync(owner, team, new byte[Squadra.Api.Features.Attachments.UploadReader.MaxRequestBytes + (16 * 1024)]);

        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(1000L, await UsedBytesAsync(team.Id));
    }

    private static async Task<HttpResponseMessage> SendChunkedAsync(TestUser user, Contracts.Teams.TeamDto team, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AttachmentClient.UploadPath(team))
        {
            Content = new MultipartFormDataContent { { new StreamContent(new MemoryStream(bytes)), AttachmentRules.FileField, "streamed.bin" } },
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        request.Headers.TransferEncodingChunked = true;
        return await user.Client.SendAsync(request);
    }

    [Fact]
    public async Task AnUploadPastTheTeamsQuotaIsRefusedAndDeletingMakesRoom()
    {
        await using var replica = cluster.StartReplica("api-quota", settings: new Dictionary<string, string> { ["Attachments:TeamQuotaBytes"] = "3000" });
        var client = replica.CreateClient();
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var (ownerHere, memberHere) = (owner.On(client), member.On(client));

        var first = await ownerHere.UploadOkAsync(team, "a.bin", "application/octet-stream", new byte[2000]);
        using var full = await memberHere.UploadAsync(AttachmentClient.UploadPath(team), "b.bin", "application/octet-stream", new byte[1001]);
        var fits = await memberHere.UploadOkAsync(team, "c.bin", "application/octet-stream", new byte[1000]);
        var message = await ownerHere.PostOkWithAttachmentsAsync(team, null, first);
        using var deleted = await ownerHere.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/messages/{message.Id}");
        var afterDeletion = await memberHere.UploadOkAsync(team, "d.bin", "application/octet-stream", new byte[2000]);

        var problem = await full.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Team storage full", problem.GetProperty("title").GetString());
        Assert.Equal(1000, fits.Size);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(2000, afterDeletion.Size);
        Assert.Equal(3000L, await UsedBytesAsync(team.Id));
    }

    [Fact]
    public async Task ConcurrentUploadsNeverTogetherPassTheQuota()
    {
        await using var replica = cluster.StartReplica("api-quota-race", settings: new Dictionary<string, string> { ["Attachments:TeamQuotaBytes"] = "5000" });
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var client = replica.CreateClient();

        // Each upload its own connection and transaction: the team row's lock orders them, so the quota holds.
        var uploads = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await owner.On(client).UploadAsync(AttachmentClient.UploadPath(team), $"{i}.bin", "application/octet-stream", new byte[1000]);
            return response.StatusCode;
        }));

        Assert.Equal(5, uploads.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(3, uploads.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(5000L, await UsedBytesAsync(team.Id));
    }

    private Task<long> UsedBytesAsync(string teamId) =>
        Sql.ScalarAsync<long>(cluster.ConnectionString, "SELECT COALESCE(sum(size), 0)::bigint FROM attachments WHERE team_id = @id", ("id", Guid.Parse(teamId)));

    private static async Task<DmDto> OpenDmAsync(TestUser caller, TestUser other)
    {
        using var response = await caller.SendAsync(HttpMethod.Post, "/api/dms", new { userIds = new[] { other.User.Id } }, idempotencyKey: Guid.NewGuid().ToString());
        return (await response.Content.ReadFromJsonAsync<DmDto>())!;
    }

    internal static void AssertServedSafely(HttpResponseMessage download)
    {
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("sandbox; default-src 'none'", string.Join(",", download.Headers.GetValues("Content-Security-Policy")));
        Assert.True(download.Headers.CacheControl is { Private: true, MaxAge: { } maxAge } && maxAge > TimeSpan.FromMinutes(59) && maxAge <= TimeSpan.FromHours(2),
            $"Cache-Control: {download.Headers.CacheControl}");
    }
}
