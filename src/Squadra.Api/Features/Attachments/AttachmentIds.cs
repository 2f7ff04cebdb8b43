using Squadra.Contracts.Attachments;

namespace Squadra.Api.Features.Attachments;

/// <summary>A post's <c>attachmentIds</c>: at most <see cref="AttachmentRules.MaxPerMessage"/> distinct ids, in the order shown.</summary>
internal static class AttachmentIds
{
    public static readonly string Invalid =
        $"attachmentIds must be at most {AttachmentRules.MaxPerMessage} distinct attachment ids.";

    /// <summary>The ids in order (none when absent); null when the list is not well-formed.</summary>
    public static Guid[]? Parse(IReadOnlyList<string>? ids)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }
        if (ids.Count > AttachmentRules.MaxPerMessage)
        {
            return null;
        }
        var parsed = new Guid[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!Guid.TryParse(ids[i], out parsed[i]))
            {
                return null;
            }
        }
        return parsed.Distinct().Count() == parsed.Length ? parsed : null;
    }
}
