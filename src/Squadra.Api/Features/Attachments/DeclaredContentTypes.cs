using Microsoft.Net.Http.Headers;

namespace Squadra.Api.Features.Attachments;

/// <summary>
/// The type a file that is no image is stored and served with: what the client declared when it is a well-formed
/// media type (so the download opens in the right application), else <see cref="Unknown"/>. It never makes a file
/// inline: every file that is not a probed image is a download with <c>nosniff</c>.
/// </summary>
internal static class DeclaredContentTypes
{
    public const string Unknown = "application/octet-stream";

    public static string Normalize(string? declared) =>
        MediaTypeHeaderValue.TryParse(declared, out var parsed)
        && parsed.Type.Length > 0 && parsed.SubType.Length > 0 && !parsed.MatchesAllTypes && !parsed.MatchesAllSubTypes
        && parsed.MediaType.Length <= 127
            ? parsed.MediaType.ToString()
            : Unknown;
}
