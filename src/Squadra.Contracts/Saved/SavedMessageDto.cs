using Squadra.Contracts.Chat;

namespace Squadra.Contracts.Saved;

/// <summary>
/// A message the caller saved (<c>GET /api/saved</c>): the message as it is now, its team's name (null in a DM), and
/// when they saved it.
/// </summary>
public sealed record SavedMessageDto(MessageDto Message, string? TeamName, DateTimeOffset SavedAt)
{
    /// <summary>When the caller is reminded of it (a <c>message.reminder</c> notification); null when no reminder is set.</summary>
    public DateTimeOffset? RemindAt { get; init; }
}
