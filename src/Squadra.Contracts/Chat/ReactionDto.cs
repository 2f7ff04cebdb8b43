namespace Squadra.Contracts.Chat;

/// <summary>One emoji on a message and who reacted with it, in the order they did.</summary>
public sealed record ReactionDto(string Emoji, IReadOnlyList<string> UserIds)
{
    // Held as a ValueList: two reactions with the same users in the same order are equal.
    private readonly IReadOnlyList<string> _userIds = new ValueList<string>(UserIds);

    public IReadOnlyList<string> UserIds { get => _userIds; init => _userIds = new ValueList<string>(value); }
}
