namespace Squadra.Web.Features.Chat;

/// <summary>Who did something, as a sentence starts: "Ana, Ben and you", "You", "Ana and 1 other", "3 people".</summary>
public static class WhoWords
{
    /// <param name="nameOf">A user's display name when the app knows it (the team's members); others are counted.</param>
    public static string Names(IReadOnlyList<string> userIds, string? myUserId, Func<string, string?> nameOf)
    {
        var others = userIds.Where(id => id != myUserId).ToList();
        var known = others.Select(nameOf).OfType<string>().ToList();
        var unknown = others.Count - known.Count;
        var mine = userIds.Contains(myUserId);

        List<string> parts = [.. known];
        if (unknown > 0)
            parts.Add(known.Count == 0 && !mine ? People(unknown) : unknown == 1 ? "1 other" : $"{unknown} others");
        if (mine)
            parts.Add(parts.Count == 0 ? "You" : "you");
        return Join(parts);
    }

    static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
}
