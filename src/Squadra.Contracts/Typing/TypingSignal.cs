using System.Text.Json.Serialization;
using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Typing;

/// <summary>Client to server: the caller is typing in this team's or DM's chat (one of the two ids).</summary>
public sealed record TypingRequest(string? TeamId, string? DmId);

/// <summary>
/// Server to client: <see cref="Users"/> are typing in this team's or DM's chat; each is shown for 5 s unless repeated.
/// A replica sends one push per chat and connection at most every 250 ms, naming everyone who started typing since
/// the last; <see cref="User"/> is the first of them (the contract's field, for a client that reads only one).
/// </summary>
public sealed record TypingPush(string? TeamId, string? DmId, UserDto User, IReadOnlyList<UserDto>? Users = null)
{
    /// <summary>Everyone the push names: <see cref="Users"/>, or <see cref="User"/> alone from a server that sends one per push.</summary>
    [JsonIgnore]
    public IReadOnlyList<UserDto> Typists => Users is { Count: > 0 } users ? users : [User];
}
