using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Squadra.Api.Features.Attachments;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Attachments;

namespace Squadra.Api.Tests.Attachments;

/// <summary>Signed urls (anonymous, bound to one attachment and variant, expiring) and who may read an attachment.</summary>
[Collection(ApiCollection.Name)]
public sealed class AttachmentUrlTests(ApiCluster cluster)
{
    private static AttachmentUrls SignerAt(DateTimeOffset now) =>
        new(Options.Create(new AttachmentOptions { UrlKey = ApiFactory.AttachmentUrlKey }), new FakeTimeProvider(now));

    [Fact]
    public async Task AUrlIsGoodForOneToTwoHoursAndTheSameWithinTheHour()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var file = await owner.UploadOkAsync(team);

        var again = await owner.SendOkAsync<AttachmentDto>(HttpMethod.Get, $"/api/attachments/{file.Id}");

        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(System.Web.HttpUtility.ParseQueryString(file.Url.Split('?')[1])["expires"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromHours(2));
        Assert.Equal(0, expires.ToUnixTimeSeconds() % 3600);
        Assert.StartsWith($"/api/attachments/{file.Id}/content?expires=", file.Url, StringComparison.Ordinal);
        Assert.True(again.Url == file.Url || DateTimeOffset.UtcNow.Minute == 0, "the same url within the hour");
    }

    [Fact]
    public async Task AForgedExpiredOrForeignSignatureIsForbidden()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var photo = await owner.UploadOkAsync(team, "p.png", "image/png", AttachmentClient.Image(20, 20));
        var other = await owner.UploadOkAsync(team);
        var anonymous = cluster.Replica1.CreateClient();
        var photoId = Guid.Parse(photo.Id);
        var past = SignerAt(DateTimeOffset.UtcNow.AddHours(-3));
        var query = photo.Url.Split('?')[1];
        var otherQuery = other.Url.Split('?')[1];

        string[] refused =
        [
            photo.Url[..^4] + "AAAA",                                          // forged
            photo.Url.Replace("expires=", "expires=1", StringComparison.Ordinal), // expiry changed
            past.Url(photoId, AttachmentUrls.Content, past.CurrentExpiry()),   // signed right, expired
            $"/api/attachments/{photo.Id}/content?{otherQuery}",                // another attachment's
            $"/api/attachments/{photo.Id}/thumbnail?{query}",                   // the other variant's
            $"/api/attachments/{photo.Id}/content",                             // none
            $"/api/attachments/{photo.Id}/content?expires=soon&signature=x",    // not even well-formed
        ];
        foreach (var url in refused)
        {
            using var response = await anonymous.DownloadAsync(url);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task AValidSignatureOfNoSuchAttachmentIsNotFound()
    {
        var signer = cluster.Replica1.Services.GetRequiredService<AttachmentUrls>();

        using var response = await cluster.Replica1.CreateClient().DownloadAsync(signer.Url(Guid.NewGuid(), AttachmentUrls.Content));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADownloadTakesRangeRequests()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var file = await owner.UploadOkAsync(team, "abc.txt", "text/plain", "abcdefghij"u8.ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        request.Headers.Range = new RangeHeaderValue(2, 4);

        using var response = await cluster.Replica2.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("cde", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAttachmentIsReadByMembersOfItsChatOnceAttachedAndBeforeByItsUploaderAlone()
    {
        var (owner, member, team) = await cluster.TeamOfTwoAsync();
        var stranger = await cluster.NewUserAsync();
        var file = await owner.UploadOkAsync(team);

        using var uploaderBefore = await owner.SendAsync(HttpMethod.Get, $"/api/attachments/{file.Id}");
        using var memberBefore = await member.SendAsync(HttpMethod.Get, $"/api/attachments/{file.Id}");
        await owner.PostOkWithAttachmentsAsync(team, "here", file);
        var memberAfter = await member.SendOkAsync<AttachmentDto>(HttpMethod.Get, $"/api/attachments/{file.Id}");
        using var strangerAfter = await stranger.SendAsync(HttpMethod.Get, $"/api/attachments/{file.Id}");
        using var unknown = await member.SendAsync(HttpMethod.Get, $"/api/attachments/{Guid.NewGuid()}");
        using var anonymous = await cluster.Replica1.CreateClient().GetAsync($"/api/attachments/{file.Id}");
        using var removal = await owner.SendAsync(HttpMethod.Delete, $"/api/teams/{team.Id}/members/{member.User.Id}");
        using var removedMember = await member.SendAsync(HttpMethod.Get, $"/api/attachments/{file.Id}");

        Assert.Equal(HttpStatusCode.OK, uploaderBefore.StatusCode);
        await memberBefore.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal((file.Id, file.Name), (memberAfter.Id, memberAfter.Name));
        await strangerAfter.AssertProblemAsync(HttpStatusCode.NotFound);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True(removal.IsSuccessStatusCode);
        await removedMember.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UploadsNeverAttachedAreSweptAfterADayAndAttachedOnesStay()
    {
        var (owner, _, team) = await cluster.TeamOfTwoAsync();
        var abandoned = await owner.UploadOkAsync(team);
        var recent = await owner.UploadOkAsync(team);
        var attached = await owner.UploadOkAsync(team);
        await owner.PostOkWithAttachmentsAsync(team, "kept", attached);
        await Sql.ExecuteAsync(cluster.ConnectionString,
            "UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = ANY(@ids)",
            ("ids", new[] { Guid.Parse(abandoned.Id), Guid.Parse(attached.Id) }));

        while (await cluster.Replica2.Services.GetRequiredService<AttachmentSweeper>().SweepAsync(CancellationToken.None) is > 0)
        {
            // Other tests' old uploads may be swept too.
        }

        using var gone = await owner.SendAsync(HttpMethod.Get, $"/api/attachments/{abandoned.Id}");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(recent.Id, (await owner.SendOkAsync<AttachmentDto>(HttpMethod.Get, $"/api/attachments/{recent.Id}")).Id);
        Assert.Equal(attached.Id, (await owner.SendOkAsync<AttachmentDto>(HttpMethod.Get, $"/api/attachments/{attached.Id}")).Id);
    }
}
