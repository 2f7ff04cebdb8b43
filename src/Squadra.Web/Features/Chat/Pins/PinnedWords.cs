using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat.Pins;

/// <summary>Who pinned a message, as its mark's title says it: "Pinned by Ana", "Pinned by you".</summary>
public static class PinnedWords
{
    /// <param name="nameOf">A user's display name when the app knows it (the team's members).</param>
    public static string By(MessageDto message, string? myUserId, Func<string, string?> nameOf) =>
        message.PinnedBy switch
        {
            null => "Pinned",
            { } id when id == myUserId => "Pinned by you",
            { } id => nameOf(id) is { } name ? $"Pinned by {name}" : "Pinned",
        };

    /// <summary>The start of a message's text for a one-line list, or what it holds when it has no text.</summary>
    public static string Excerpt(MessageDto message, int length = 120)
    {
        var text = message.Body.ReplaceLineEndings(" ").Trim();
        if (text.Length == 0)
            return message.Attachments.Count == 1 ? message.Attachments[0].Name : $"{message.Attachments.Count} files";
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }
}
