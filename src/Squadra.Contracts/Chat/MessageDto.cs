using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Chat;

/// <summary>A chat message; <see cref="Seq"/> numbers a team's messages 1, 2, 3... with no gaps.</summary>
public sealed record MessageDto(
    string Id,
    string TeamId,
    long Seq,
    UserDto Author,
    string Body,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted);
