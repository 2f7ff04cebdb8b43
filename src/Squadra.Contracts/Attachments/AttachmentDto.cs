namespace Squadra.Contracts.Attachments;

/// <summary>
/// A file uploaded to a team's or a DM's chat (api-v2 "Attachments"). <see cref="Url"/> and <see cref="ThumbnailUrl"/>
/// are relative, signed and expiring, so an <c>&lt;img&gt;</c> loads them without a bearer header; an expired one is
/// renewed by reading the attachment again (<c>GET /api/attachments/{id}</c>). <see cref="Width"/>, <see cref="Height"/>
/// and <see cref="ThumbnailUrl"/> are set for images only: files whose content decodes as an allowed image type.
/// </summary>
public sealed record AttachmentDto(
    string Id,
    string Name,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    string Url,
    string? ThumbnailUrl)
{
    public bool IsImage => ThumbnailUrl is not null;
}
