using Squadra.Client.Chat;
using Squadra.Web.Features.Accounts;

namespace Squadra.Web.Features.Chat;

/// <summary>
/// What the user typed and did not send, per composer: a chat's, and each thread's. Leaving a chat (for another chat,
/// the calendar, a search result) and coming back finds the text as it was left, as in Slack, Mattermost and Zulip;
/// the lists of chats mark one whose composer holds a draft (DraftMark). Kept in memory for the signed-in user while
/// the app runs: signing out (or in as someone else) forgets them, and so does a reload. Files in a composer are not
/// part of a draft: they are uploads with a chip each, gone with the pane.
/// </summary>
public sealed class ComposerDrafts : IUserScoped
{
    readonly Dictionary<(ChatKey Chat, string? ThreadRootId), string> _drafts = [];

    /// <summary>A chat's composer came to hold a draft or stopped holding one (not each keystroke).</summary>
    public event Action? Changed;

    /// <summary>The text left in the chat's composer, or in its thread's (<paramref name="threadRootId"/>); "" when none.</summary>
    public string Get(ChatKey chat, string? threadRootId = null) => _drafts.GetValueOrDefault((chat, threadRootId), "");

    /// <summary>Whether the chat's own composer holds a draft (a thread's draft is found in its thread).</summary>
    public bool HasDraft(ChatKey chat) => _drafts.ContainsKey((chat, null));

    /// <summary>Keeps the composer's text as its draft; a blank one (sent, or erased) leaves no draft.</summary>
    public void Keep(ChatKey chat, string? threadRootId, string text)
    {
        var had = _drafts.ContainsKey((chat, threadRootId));
        if (string.IsNullOrWhiteSpace(text))
            _drafts.Remove((chat, threadRootId));
        else
            _drafts[(chat, threadRootId)] = text;
        if (threadRootId is null && had != _drafts.ContainsKey((chat, null)))
            Changed?.Invoke();
    }

    public void Reset(string? userId)
    {
        if (_drafts.Count == 0)
            return;
        _drafts.Clear();
        Changed?.Invoke();
    }
}
