using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Errors;
using Squadra.Contracts.Attachments;

namespace Squadra.Api.Features.Attachments;

/// <summary>
/// Reads an upload's one multipart <c>file</c>. Only these endpoints take bodies this large: the server-wide limit
/// (64 KiB) is raised for the request here to the file's limit plus room for the multipart framing, and a body past
/// it, or a file past <see cref="AttachmentRules.MaxBytes"/>, is a 413 problem.
/// </summary>
internal static class UploadReader
{
    /// <summary>The file's limit plus the multipart framing: boundaries, part headers, a long file name.</summary>
    public const long MaxRequestBytes = AttachmentRules.MaxBytes + (64 * 1024);

    public static async Task<(UploadedFile? File, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return (null, TooLarge());
        }
        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, Problems.Validation(AttachmentRules.FileField, "Send the file as multipart/form-data, in the field 'file'."));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }
        // The server's own limit trips first, so a body too large always surfaces as Kestrel's 413.
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes + 1 }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (InvalidDataException)
        {
            return (null, Problems.Validation(AttachmentRules.FileField, "The multipart body could not be read."));
        }
        var files = form.Files;
        if (files.Count != 1 || files[0].Name != AttachmentRules.FileField)
        {
            return (null, Problems.Validation(AttachmentRules.FileField,
                files.Count > 1 ? "Upload one file at a time." : "The request has no file in the field 'file'."));
        }
        var file = files[0];
        if (file.Length == 0)
        {
            return (null, Problems.Validation(AttachmentRules.FileField, "The file is empty."));
        }
        if (file.Length > AttachmentRules.MaxBytes)
        {
            return (null, TooLarge());
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }
        return (new UploadedFile(AttachmentNames.Clean(file.FileName), DeclaredContentTypes.Normalize(file.ContentType), content, ImageProbe.Probe(content)), null);
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
        detail: $"A file is at most {AttachmentRules.MaxBytes / (1024 * 1024)} MiB.");
}
