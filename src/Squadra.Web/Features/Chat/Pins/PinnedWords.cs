using System.Text.RegularExpressions;
using Squadra.Contracts.Chat;
using Squadra.Web.Features.Chat.Formatting;

namespace Squadra.Web.Features.Chat.Pins;

/// <summary>Who pinned a message, as its mark's title says it: "Pinned by Ana", "Pinned by you".</summary>
public static partial class PinnedWords
{
    /// <param name="nameOf">A user's display name when the app knows it (the team's members).</param>
    public static string By(MessageDto message, string? myUserId, Func<string, string?> nameOf) =>
        message.PinnedBy switch
        {
            null => "Pinned",
            { } id when id == myUserId => "Pinned by you",
            { } id => nameOf(id) is { } name ? $"Pinned by {name}" : "Pinned",
        };

    /// <summary>The start of a message's words (its formatting left out) for a one-line list, or what it holds when it has no text.</summary>
    public static string Excerpt(MessageDto message, int length = 120)
    {
        var text = Whitespace().Replace(MessageMarkdown.PlainText(message.Body), " ").Trim();
        if (text.Length == 0)
            return message.Attachments.Count == 1 ? message.Attachments[0].Name : $"{message.Attachments.Count} files";
        return text.Length <= length ? text : text[..length].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
