using Squadra.Contracts.Chat;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Features.Chat.Mentions;

/// <summary>
/// The team's current members as the chat sees them: whom a message's @mentions name (a message carries user ids, its
/// body usernames), whether it mentions the viewer, and whom the composer can suggest.
/// </summary>
public sealed class ChatMembers(IReadOnlyList<MemberDto> members, string myUserId)
{
    readonly Dictionary<string, string> _usernames = members.ToDictionary(m => m.UserId, m => m.Username);

    public IReadOnlyList<MemberDto> Members => members;

    public string MyUserId => myUserId;

    public bool MentionsMe(MessageDto message) =>
        !message.Deleted && message.Author.Id != myUserId && (message.MentionsAll || message.Mentions.Contains(myUserId));

    /// <summary>The names whose @token is shown as a mention: the mentioned members still known here, and "all" when it counted.</summary>
    public IReadOnlySet<string> HighlightedNames(MessageDto message)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in message.Mentions)
        {
            if (_usernames.TryGetValue(id, out var username))
                names.Add(username);
        }
        if (message.MentionsAll)
            names.Add(MentionRules.All);
        return names;
    }
}
