namespace Squadra.Contracts.Chat;

/// <summary>Pinned messages: what a chat holds at most, shared by the API and the browser.</summary>
public static class PinRules
{
    /// <summary>Messages one chat (a team's or a DM) keeps pinned at most; Slack's limit was 100, a team's list of 50 is already long.</summary>
    public const int MaxPerChat = 50;
}
