using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Squadra.Api.Errors;

namespace Squadra.Api.Features.Attachments;

/// <summary>
/// Serves a file by its signed url. Only a probed image (and a thumbnail, which is one) is inline, with the type its
/// bytes decoded as; everything else is a download. On all, <c>nosniff</c> and a sandboxing CSP, so even a file the
/// browser is talked into rendering (an SVG, an HTML page) runs no script and reaches nothing of the app's origin.
/// </summary>
internal static class AttachmentDownloads
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ServeAsync(
        Guid id, string variant, string? expires, string? signature, HttpResponse response, AttachmentUrls urls, AttachmentStore store, CancellationToken ct)
    {
        long? expiry = long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (!urls.IsValid(id, variant, expiry, signature))
        {
            return Problems.Forbidden("The link is not valid or has expired: read the attachment again for a fresh one.");
        }
        var thumbnail = variant == AttachmentUrls.Thumbnail;
        if (await store.ReadAsync(id, thumbnail, ct) is not { } file)
        {
            return Problems.NotFound("attachment");
        }
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var maxAge = (long)Math.Max(0, urls.Remaining(expiry!.Value).TotalSeconds);
        headers.CacheControl = $"private, max-age={maxAge.ToString(CultureInfo.InvariantCulture)}";
        var disposition = new ContentDispositionHeaderValue(file.IsImage ? "inline" : "attachment");
        if (!thumbnail)
        {
            disposition.SetHttpFileName(file.Name);
        }
        headers.ContentDisposition = disposition.ToString();
        // The bytes never change, so the id and variant are a strong validator.
        return TypedResults.File(file.Bytes, thumbnail ? ImageProbe.ThumbnailContentType : file.ContentType,
            entityTag: new EntityTagHeaderValue($"\"{id:N}-{variant}\""), enableRangeProcessing: true);
    }
}
