namespace Squadra.Contracts.Chat;

public static class ChatRules
{
    public const int BodyMaxLength = 4000;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// Length is counted after trimming, in UTF-16 code units as the browser counts them. A message with attachments
    /// may have no text (<paramref name="hasAttachments"/>); any text it has follows the same rules.
    /// </summary>
    public static string? BodyError(string? body, bool hasAttachments = false) =>
        string.IsNullOrWhiteSpace(body) ? (hasAttachments ? null : "A message needs some text.")
        : body.Trim().Length > BodyMaxLength ? $"A message is at most {BodyMaxLength} characters."
        : TextRules.Error(body, "A message", multiline: true);
}
