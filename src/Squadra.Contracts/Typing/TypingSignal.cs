using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Typing;

/// <summary>Client to server: the caller is typing in this team's or DM's chat (one of the two ids).</summary>
public sealed record TypingRequest(string? TeamId, string? DmId);

/// <summary>Server to client: <see cref="User"/> is typing in this team's or DM's chat; shown for 5 s unless repeated.</summary>
public sealed record TypingPush(string? TeamId, string? DmId, UserDto User);
