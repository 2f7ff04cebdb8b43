using Squadra.Client.Chat;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>
    /// Where a browser uploads a file to a chat itself (with upload progress, which HttpClient in WebAssembly does not
    /// report): the same address <see cref="UploadAttachmentAsync"/> posts to, on the API's origin.
    /// </summary>
    public Uri AttachmentUploadAddress(ChatKey chat) => Resolve($"{chat.Path}/attachments");

    /// <summary>
    /// An attachment's <c>url</c> or <c>thumbnailUrl</c> (relative, signed) made absolute on the API's origin, which is
    /// the one the app's HttpClient talks to: the page may live under a path of its own.
    /// </summary>
    public Uri Resolve(string relativeOrAbsolute) =>
        http.BaseAddress is { } baseAddress ? new Uri(baseAddress, relativeOrAbsolute) : new Uri(relativeOrAbsolute, UriKind.RelativeOrAbsolute);
}
