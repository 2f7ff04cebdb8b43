using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat;

/// <summary>
/// Which messages continue the one before them, as chat apps show them: the same author again within a few minutes
/// (on the same day: a day divider starts a new group) is shown without their avatar and name again.
/// </summary>
public static class ChatGrouping
{
    /// <summary>How long after an author's message their next one still joins it (Slack and Mattermost use about 5 minutes).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static bool Continues(MessageDto message, MessageDto? previous) =>
        previous is not null
        && previous.Author.Id == message.Author.Id
        && message.CreatedAt >= previous.CreatedAt
        && message.CreatedAt - previous.CreatedAt <= Window;
}
