using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;
using Squadra.Faults.Infrastructure;
using Squadra.Testing;
using Xunit.Abstractions;

namespace Squadra.Faults.Faults;

/// <summary>
/// Attachments live in PostgreSQL (api-v2 "Attachments": an acknowledged upload survives the loss of the primary). A
/// few files (one an image, one of 10 MiB, the largest) are uploaded and posted in a message, then uploads keep going through the gateway while the
/// database primary is crashed (kill -9 of its keeper and PostgreSQL, as the matrix does). After the failover every
/// upload answered 201 downloads byte-identical, its image's thumbnail too, and the message carries its files. On the way,
/// the gateway's upload limits are checked on this real ./run.sh stack: a file just over 10 MiB is the API's 413, a 12 MiB
/// body nginx's own, both problem JSON.
/// </summary>
[Collection(FaultStackCollection.Name)]
[TestCaseOrderer(ByOrder.TypeName, ByOrder.AssemblyName)]
public sealed class AttachmentFailoverTests(FaultStack stack, ITestOutputHelper output)
{
    // The smallest PNG there is (1×1, opaque): an image, with a thumbnail.
    private static readonly byte[] s_png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private sealed record Acknowledged(AttachmentDto Attachment, byte[] Sha256);

    [Fact, Order(16), Trait("Matrix", "ci")]
    public async Task EveryAcknowledgedUploadSurvivesTheLossOfTheDatabasePrimary()
    {
        using var client = stack.Client(timeout: TimeSpan.FromSeconds(30));
        var owner = stack.People.Writers[0];
        var team = await Population.SendAsync<TeamDto>(client, owner, HttpMethod.Post, "/api/teams", new CreateTeamRequest($"Attachments {Guid.NewGuid():N}"[..24]));
        var before = new List<Acknowledged>
        {
            await UploadOkAsync(client, owner, team.Id, "pixel.png", "image/png", s_png),
            await UploadOkAsync(client, owner, team.Id, "one.bin", "application/octet-stream", RandomNumberGenerator.GetBytes(1024 * 1024)),
            // The largest file there may be, through the gateway as a browser sends it.
            await UploadOkAsync(client, owner, team.Id, "ten.bin", "application/octet-stream", RandomNumberGenerator.GetBytes((int)AttachmentRules.MaxBytes)),
        };
        var message = await Population.SendAsync<MessageDto>(client, owner, HttpMethod.Post, $"/api/teams/{team.Id}/messages",
            new PostMessageRequest("the files", AttachmentIds: [.. before.Select(a => a.Attachment.Id)]));
        Assert.True(before[0].Attachment.IsImage);
        // The gateway's own limit (11 MiB on the upload paths) answers as the API does: problem JSON, not nginx's HTML.
        await AssertRefusedAsProblemAsync(client, owner, team.Id, (int)AttachmentRules.MaxBytes + 1);
        await AssertRefusedAsProblemAsync(client, owner, team.Id, 12 * 1024 * 1024);

        // Uploads go on through the fault; each answered 201 must be there afterwards.
        using var stop = new CancellationTokenSource();
        var during = Task.Run(() => UploadUntilAsync(client, owner, team.Id, stop.Token));
        var primary = await DatabaseTier.PrimaryAsync() ?? throw new InvalidOperationException("no primary");
        var backup = DatabaseTier.Other(primary);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();
        var crashed = await Inject.CrashNodeAsync(stack, primary);
        output.WriteLine($"kill -9 of {primary} (the primary; {crashed.All.Count} processes)");
        var promoted = await Eventually.HoldsAsync(async () => await DatabaseTier.PrimaryAsync() == backup, TimeSpan.FromSeconds(60));
        output.WriteLine($"{backup} promoted: {promoted} after {clock.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        var (acknowledged, refused) = await during;
        var synchronous = await Eventually.HoldsAsync(stack.Database.SynchronousPairAsync, TimeSpan.FromSeconds(120));
        output.WriteLine($"{acknowledged.Count} uploads acknowledged during the fault, {refused} refused or failed (the client retries those); sync pair again: {synchronous}");

        var lost = new List<string>();
        foreach (var upload in before.Concat(acknowledged))
        {
            if (!await DownloadsIdenticalAsync(client, upload))
            {
                lost.Add($"{upload.Attachment.Name} ({upload.Attachment.Id})");
            }
        }
        using var thumbnail = await client.GetAsync(before[0].Attachment.ThumbnailUrl);
        var history = await Population.SendAsync<List<MessageDto>>(client, owner, HttpMethod.Get, $"/api/teams/{team.Id}/messages", null);
        var stored = history.Single(m => m.Id == message.Id);
        stack.Results.Add(new FaultReport("kill -9 the database primary during uploads", before.Count + acknowledged.Count, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, refused, 0,
            $"{backup} promoted; {acknowledged.Count} uploads acknowledged during the fault, {refused} refused", lost.Count, 0,
            [$"{before.Count} files uploaded and posted before the crash, {acknowledged.Count} acknowledged around it; lost or changed: {lost.Count}"]));

        Assert.True(promoted, $"{backup} was not promoted");
        Assert.True(synchronous, "no synchronous pair again");
        Assert.True(lost.Count == 0, $"acknowledged uploads lost or changed: {string.Join(", ", lost)}");
        Assert.NotEmpty(acknowledged);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("the files", stored.Body);
        Assert.Equal(before.Select(a => a.Attachment.Id), stored.Attachments.Select(a => a.Id));
    }

    private static async Task<(List<Acknowledged> Acknowledged, int Refused)> UploadUntilAsync(HttpClient client, Session owner, string teamId, CancellationToken stop)
    {
        var acknowledged = new List<Acknowledged>();
        var refused = 0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var bytes = RandomNumberGenerator.GetBytes(256 * 1024);
            try
            {
                using var response = await UploadAsync(client, owner, teamId, $"during-{i}.bin", "application/octet-stream", bytes);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add(new((await response.Content.ReadFromJsonAsync<AttachmentDto>(CancellationToken.None))!, SHA256.HashData(bytes)));
                    continue;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // No answer: not acknowledged.
            }
            refused++;
            await Task.Delay(100, CancellationToken.None);
        }
        return (acknowledged, refused);
    }

    private static async Task<Acknowledged> UploadOkAsync(HttpClient client, Session owner, string teamId, string name, string contentType, byte[] bytes)
    {
        using var response = await UploadAsync(client, owner, teamId, name, contentType, bytes);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload of {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new((await response.Content.ReadFromJsonAsync<AttachmentDto>())!, SHA256.HashData(bytes));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Session owner, string teamId, string name, string contentType, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/teams/{teamId}/attachments");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Content = new MultipartFormDataContent { { file, AttachmentRules.FileField, name } };
        return await client.SendAsync(request);
    }

    private static async Task AssertRefusedAsProblemAsync(HttpClient client, Session owner, string teamId, int size)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/teams/{teamId}/attachments")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(new byte[size]), AttachmentRules.FileField, "big.bin" } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
        // As curl sends large bodies: the refusal comes before the body.
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<bool> DownloadsIdenticalAsync(HttpClient client, Acknowledged upload)
    {
        // The stack has just healed: a read may still meet a 503 for a moment.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await client.GetAsync(upload.Attachment.Url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return SHA256.HashData(await response.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(upload.Sha256);
            }
            if ((int)response.StatusCode < 500)
            {
                return false;
            }
            await Task.Delay(500);
        }
        return false;
    }
}
