using Squadra.Contracts.Chat;

namespace Squadra.Contracts.Saved;

/// <summary>
/// A message the caller saved (<c>GET /api/saved</c>): the message as it is now, its team's name (null in a DM), and
/// when they saved it.
/// </summary>
public sealed record SavedMessageDto(MessageDto Message, string? TeamName, DateTimeOffset SavedAt);
