using Squadra.Contracts.Chat;

namespace Squadra.Client.Chat;

/// <summary>
/// Whose chat: a team's or a direct message's. Both are one API (history, posts, edits, reactions, threads), under
/// <c>/api/teams/{id}/messages</c> or <c>/api/dms/{id}/messages</c>; ids of the two never collide.
/// </summary>
public readonly record struct ChatKey(string Id, bool IsDm)
{
    public static ChatKey Team(string teamId) => new(teamId, IsDm: false);

    public static ChatKey Dm(string dmId) => new(dmId, IsDm: true);

    /// <summary>The chat a message belongs to.</summary>
    public static ChatKey Of(MessageDto message) => message.DmId is { } dmId ? Dm(dmId) : Team(message.TeamId ?? "");

    internal string Path => $"api/{(IsDm ? "dms" : "teams")}/{Uri.EscapeDataString(Id)}";

    internal string MessagesPath => $"{Path}/messages";
}
