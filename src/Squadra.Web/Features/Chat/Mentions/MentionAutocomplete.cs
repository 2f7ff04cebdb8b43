using System.Text.RegularExpressions;
using Squadra.Contracts.Chat;

namespace Squadra.Web.Features.Chat.Mentions;

/// <summary>One name the composer offers after "@": a member, or "@all" for owners and admins.</summary>
public sealed record MentionOption(string Username, string Label);

/// <summary>
/// The composer's @mention suggestions: the "@name" being typed at the end of the draft (where one types in a chat),
/// the members whose username or display name starts with it, the one chosen with the arrows, and the draft once one
/// is picked. Held by the composer, so the text box and the list render from the same state.
/// </summary>
public sealed partial class MentionAutocomplete
{
    public const int MaxOptions = 8;

    // "@" where a mention may start (MentionRules.Token) and the name typed so far, at the very end of the draft.
    [GeneratedRegex("(?<![A-Za-z0-9_.@-])@(?<name>[A-Za-z0-9_.-]{0,32})$")]
    private static partial Regex Typing();

    string? _dismissedFor;

    public IReadOnlyList<MentionOption> Options { get; private set; } = [];

    public int Active { get; private set; }

    public bool IsOpen => Options.Count > 0;

    public MentionOption? ActiveOption => IsOpen ? Options[Active] : null;

    /// <summary>Reads the draft again after a keystroke; Escape's "not now" holds until the draft changes.</summary>
    public void Update(string draft, ChatMembers members, bool canMentionAll)
    {
        var previous = ActiveOption;
        if (_dismissedFor is not null && _dismissedFor == draft)
            return;
        _dismissedFor = null;
        Options = Typing().Match(draft) is { Success: true } typing
            ? Find(typing.Groups["name"].Value, members, canMentionAll)
            : [];
        var kept = previous is null ? -1 : Options.ToList().FindIndex(o => o.Username == previous.Username);
        Active = Math.Max(kept, 0);
    }

    public void Move(int by)
    {
        if (IsOpen)
            Active = (Active + by + Options.Count) % Options.Count;
    }

    public void Dismiss(string draft)
    {
        _dismissedFor = draft;
        Options = [];
    }

    /// <summary>The draft with the "@name" being typed replaced by the chosen one and a space, ready for the next word.</summary>
    public string Choose(string draft, MentionOption option)
    {
        Options = [];
        var typing = Typing().Match(draft);
        return typing.Success ? $"{draft[..typing.Index]}@{option.Username} " : draft;
    }

    static List<MentionOption> Find(string typed, ChatMembers members, bool canMentionAll)
    {
        var options = members.Members
            .Where(m => m.UserId != members.MyUserId
                && (m.Username.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                    || m.DisplayName.StartsWith(typed, StringComparison.CurrentCultureIgnoreCase)))
            .OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(m => new MentionOption(m.Username, m.DisplayName))
            .Take(MaxOptions)
            .ToList();
        if (canMentionAll && MentionRules.All.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            options.Add(new MentionOption(MentionRules.All, "Everyone in the team"));
        return options;
    }
}
