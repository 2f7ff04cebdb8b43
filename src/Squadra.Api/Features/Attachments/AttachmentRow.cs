using Squadra.Contracts.Attachments;

namespace Squadra.Api.Features.Attachments;

/// <summary>An attachment's metadata as stored: read alone (<c>GET /api/attachments/{id}</c>) or with its message.</summary>
internal sealed record AttachmentRow(Guid Id, string Name, string ContentType, long Size, int? Width, int? Height)
{
    /// <summary>The columns, from an attachments row aliased a.</summary>
    public const string Columns = "a.id, a.name, a.content_type AS ContentType, a.size, a.width, a.height";

    public bool IsImage => Width is not null;

    /// <summary>The DTO with urls signed now: every answer hands out urls good for at least an hour.</summary>
    public AttachmentDto ToDto(AttachmentUrls urls) => new(
        Id.ToString(), Name, ContentType, Size, Width, Height,
        urls.Url(Id, AttachmentUrls.Content),
        IsImage ? urls.Url(Id, AttachmentUrls.Thumbnail) : null);
}
