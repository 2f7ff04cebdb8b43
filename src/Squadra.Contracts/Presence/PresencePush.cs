using System.Text.Json.Serialization;

namespace Squadra.Contracts.Presence;

/// <summary>
/// Server to client: people came online or went offline. A replica sends a connection at most one such push a second;
/// <see cref="Changes"/> holds every change since its last (each user once, their latest), and the contract's own
/// fields, <see cref="UserId"/>, <see cref="Online"/> and <see cref="LastSeenAt"/>, are the first of them.
/// </summary>
public sealed record PresencePush(string UserId, bool Online, DateTimeOffset? LastSeenAt, IReadOnlyList<PresenceDto>? Changes = null)
{
    /// <summary>Every change the push carries: <see cref="Changes"/>, or the one of a server that sends one per push.</summary>
    [JsonIgnore]
    public IReadOnlyList<PresenceDto> All => Changes is { Count: > 0 } changes ? changes : [new PresenceDto(UserId, Online, LastSeenAt)];

    public static PresencePush Of(IReadOnlyList<PresenceDto> changes) => new(changes[0].UserId, changes[0].Online, changes[0].LastSeenAt, changes);
}
