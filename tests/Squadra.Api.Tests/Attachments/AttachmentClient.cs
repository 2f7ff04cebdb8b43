using System.Net.Http.Headers;
using System.Net.Http.Json;
using SkiaSharp;
using Squadra.Contracts.Attachments;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Attachments;

/// <summary>Uploads and downloads as a browser does them: multipart with a bearer header, signed urls without one.</summary>
public static class AttachmentClient
{
    public static string UploadPath(TeamDto team) => $"/api/teams/{team.Id}/attachments";

    /// <summary>Posts a multipart body with the given parts: (field, file name, content type, bytes).</summary>
    public static async Task<HttpResponseMessage> UploadPartsAsync(
        this Infrastructure.TestUser user, string path, params (string Field, string FileName, string ContentType, byte[] Bytes)[] parts)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        var form = new MultipartFormDataContent();
        foreach (var (field, fileName, contentType, bytes) in parts)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            form.Add(file, field, fileName);
        }
        request.Content = form;
        return await user.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> UploadAsync(this Infrastructure.TestUser user, string path, string fileName, string contentType, byte[] bytes) =>
        user.UploadPartsAsync(path, (AttachmentRules.FileField, fileName, contentType, bytes));

    public static async Task<AttachmentDto> UploadOkAsync(this Infrastructure.TestUser user, string path, string fileName, string contentType, byte[] bytes)
    {
        using var response = await user.UploadAsync(path, fileName, contentType, bytes);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<AttachmentDto>())!;
    }

    public static Task<AttachmentDto> UploadOkAsync(this Infrastructure.TestUser user, TeamDto team, string fileName = "notes.txt", string contentType = "text/plain", byte[]? bytes = null) =>
        user.UploadOkAsync(UploadPath(team), fileName, contentType, bytes ?? "some notes"u8.ToArray());

    public static Task<HttpResponseMessage> PostWithAttachmentsAsync(this Infrastructure.TestUser user, TeamDto team, string? body, params string[] attachmentIds) =>
        user.SendAsync(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest(body, AttachmentIds: attachmentIds));

    public static Task<MessageDto> PostOkWithAttachmentsAsync(this Infrastructure.TestUser user, TeamDto team, string? body, params AttachmentDto[] attachments) =>
        user.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest(body, AttachmentIds: [.. attachments.Select(a => a.Id)]));

    /// <summary>A GET of a signed url, with no bearer header (as an &lt;img&gt; loads it).</summary>
    public static Task<HttpResponseMessage> DownloadAsync(this HttpClient anonymous, string url) => anonymous.GetAsync(url);

    /// <summary>A picture with some detail in it (a gradient), encoded as asked.</summary>
    public static byte[] Image(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.Red, SKColors.Blue], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A JPEG whose EXIF says it is shown turned a quarter clockwise (orientation 6, as a phone held upright writes):
    /// an APP1 segment put right after the start of image.
    /// </summary>
    public static byte[] JpegTurnedClockwise(int storedWidth, int storedHeight)
    {
        var jpeg = Image(storedWidth, storedHeight, SKEncodedImageFormat.Jpeg);
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, IFD0 at 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation (SHORT) = 6
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }

    /// <summary>The size of an image's bytes as decoded (no orientation applied: thumbnails carry none).</summary>
    public static (int Width, int Height, SKEncodedImageFormat Format) Decode(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.NotNull(codec);
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }
}
