using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat.Reactions;

/// <summary>Who reacted, as a sentence for a chip's title and label: "Ana, Ben and you reacted with 👍".</summary>
public static class ReactionWords
{
    /// <param name="nameOf">A user's display name when the app knows it (the team's members); others are counted.</param>
    public static string Who(ReactionDto reaction, string? myUserId, Func<string, string?> nameOf)
    {
        var others = reaction.UserIds.Where(id => id != myUserId).ToList();
        var known = others.Select(nameOf).OfType<string>().ToList();
        var unknown = others.Count - known.Count;
        var mine = reaction.UserIds.Contains(myUserId);

        List<string> parts = [.. known];
        if (unknown > 0)
            parts.Add(known.Count == 0 && !mine ? People(unknown) : unknown == 1 ? "1 other" : $"{unknown} others");
        if (mine)
            parts.Add(parts.Count == 0 ? "You" : "you");
        return $"{Join(parts)} reacted with {reaction.Emoji}";
    }

    static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
}
