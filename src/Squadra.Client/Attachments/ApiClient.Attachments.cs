using System.Net.Http.Headers;
using Squadra.Client.Chat;
using Squadra.Contracts.Attachments;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>
    /// Uploads one file to a chat (multipart, field <see cref="AttachmentRules.FileField"/>); post it with a message by
    /// its id (<c>PostMessageRequest.AttachmentIds</c>). Sent once, never retried: a repeat would upload it twice.
    /// </summary>
    public async Task<ApiResult<AttachmentDto>> UploadAttachmentAsync(
        ChatKey chat, Stream content, string fileName, string contentType, CancellationToken ct = default)
    {
        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var form = new MultipartFormDataContent { { file, AttachmentRules.FileField, fileName } };
        return await SendAsync<AttachmentDto>(HttpMethod.Post, $"{chat.Path}/attachments", form, signedIn: true, ct);
    }

    /// <summary>An attachment the caller may see, with fresh signed urls (the old ones expire).</summary>
    public Task<ApiResult<AttachmentDto>> GetAttachmentAsync(string attachmentId, CancellationToken ct = default) =>
        SendAsync<AttachmentDto>(HttpMethod.Get, $"api/attachments/{Uri.EscapeDataString(attachmentId)}", body: null, signedIn: true, ct);
}
