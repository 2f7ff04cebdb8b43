using System.Diagnostics;
using System.Globalization;
using Squadra.Client;
using Squadra.Client.Chat;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Teams;
using SkiaSharp;

namespace Squadra.Bench;

/// <summary>One kind of file uploaded <see cref="Count"/> times: how long the upload took (the answer includes the thumbnail, made in the request) and the thumbnail's download.</summary>
internal sealed record UploadRow(string File, long Bytes, int Pixels, int Count, int Errors, double P50, double P95, double Max, double ThumbP50, double ThumbP95, ProcWindow Window)
{
    public double ApiCpuMsPerUpload(IEnumerable<string> apis) => Count == 0 ? double.NaN : apis.Sum(Window.CpuSeconds) * 1000 / Count;
}

/// <summary>
/// Issue 20 item 3: uploads of images through the gateway, one after another as one person sends them, by size: a
/// phone photo (JPEG) of about 1, 5 and 9 MiB, and a 5 MiB PNG (every pixel decoded: the thumbnail's worst case).
/// Each answer comes once the file, its probe and its thumbnail are stored, synchronously replicated; then the
/// thumbnail is fetched by its signed url, as the chat would show it. A new team each run (uploads count against its
/// quota until the sweep removes them a day later, unattached).
/// </summary>
internal static class UploadLoad
{
    public static async Task<IReadOnlyList<UploadRow>> RunAsync(BenchContext context, Uri gateway, int count, CancellationToken ct)
    {
        var (api, team) = await SignUpWithTeamAsync(gateway, ct);
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        var rows = new List<UploadRow>();
        foreach (var (name, file, pixels) in Files())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"upload: {name}, {file.Length / 1048576.0:F1} MiB, {pixels / 1e6:F1} Mpx, x{count}"));
            var uploads = new LatencyHistogram();
            var thumbnails = new LatencyHistogram();
            var errors = 0;
            await UploadAsync(api, team, name, file, ct); // warm-up: JIT and Skia's first decode, not kept
            var before = await context.Proc.SampleAsync();
            for (var i = 0; i < count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var uploaded = await UploadAsync(api, team, name, file, ct);
                uploads.RecordSince(started);
                if (uploaded is not { ThumbnailUrl: { } thumbnail })
                {
                    errors++;
                    continue;
                }
                started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(thumbnail, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                thumbnails.RecordSince(started);
                errors += response.IsSuccessStatusCode ? 0 : 1;
            }
            var window = ProcStats.Between(before, await context.Proc.SampleAsync());
            rows.Add(new UploadRow(name, file.Length, pixels, count, errors, uploads.PercentileMs(50), uploads.PercentileMs(95), uploads.MaxMs,
                thumbnails.PercentileMs(50), thumbnails.PercentileMs(95), window));
            Report.PrintUpload(rows[^1], context.Stack.ApiNames);
        }
        return rows;
    }

    private static async Task<Contracts.Attachments.AttachmentDto?> UploadAsync(ApiClient api, ChatKey team, string name, byte[] file, CancellationToken ct)
    {
        using var content = new MemoryStream(file, writable: false);
        var result = await api.UploadAttachmentAsync(team, content, name, name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg", ct);
        return result.IsSuccess ? result.Value : null;
    }

    private static async Task<(ApiClient Api, ChatKey Team)> SignUpWithTeamAsync(Uri gateway, CancellationToken ct)
    {
        var anonymous = new ApiClient(new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) }, new FixedToken(null), TimeProvider.System);
        var username = $"upload_{Guid.NewGuid():N}"[..20];
        var password = Guid.NewGuid().ToString("N");
        await anonymous.RegisterAsync(new RegisterRequest(username, password), ct).ValueOrThrowAsync();
        var login = await anonymous.LoginAsync(new LoginRequest(username, password), ct).ValueOrThrowAsync();
        var api = new ApiClient(new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) }, new FixedToken(login.AccessToken), TimeProvider.System);
        var team = await api.CreateTeamAsync(new CreateTeamRequest($"Uploads {username}"), ActionKey.NewKey(), ct).ValueOrThrowAsync();
        return (api, ChatKey.Team(team.Id));
    }

    /// <summary>Photos of about 1, 5 and 9 MiB (JPEG at quality 90 of 1.4, 6.9 and 12 Mpx of texture), and a 5 MiB PNG.</summary>
    private static IEnumerable<(string Name, byte[] File, int Pixels)> Files()
    {
        yield return Photo("photo-1.4mpx.jpg", 1360, 1020, SKEncodedImageFormat.Jpeg);
        yield return Photo("photo-6.9mpx.jpg", 3000, 2300, SKEncodedImageFormat.Jpeg);
        yield return Photo("photo-12mpx.jpg", 4000, 3000, SKEncodedImageFormat.Jpeg);
        yield return Photo("screenshot-1.7mpx.png", 1500, 1150, SKEncodedImageFormat.Png);
    }

    /// <summary>A picture of noise over a gradient: hard enough to compress that its size is a real photo's.</summary>
    private static (string, byte[], int) Photo(string name, int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var random = new Random(width);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var x = i / 4 % width;
            pixels[i] = (byte)((pixels[i] / 3) + (x * 170 / width));
            pixels[i + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var encoded = bitmap.Encode(format, 90);
        return (name, encoded.ToArray(), width * height);
    }
}
