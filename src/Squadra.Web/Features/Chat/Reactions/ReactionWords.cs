using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat.Reactions;

/// <summary>Who reacted, as a sentence for a chip's title and label: "Ana, Ben and you reacted with 👍".</summary>
public static class ReactionWords
{
    /// <param name="nameOf">A user's display name when the app knows it (the team's members); others are counted.</param>
    public static string Who(ReactionDto reaction, string? myUserId, Func<string, string?> nameOf) =>
        $"{WhoWords.Names(reaction.UserIds, myUserId, nameOf)} reacted with {reaction.Emoji}";
}
