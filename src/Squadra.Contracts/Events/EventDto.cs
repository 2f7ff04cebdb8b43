using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Events;

/// <summary>A team event. <see cref="MyRsvp"/> is the caller's own answer (null when none, or in a push to the whole team).</summary>
public sealed record EventDto(
    string Id,
    string TeamId,
    string Title,
    string Description,
    string Location,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    UserDto CreatedBy,
    bool Cancelled,
    RsvpCountsDto Rsvp,
    string? MyRsvp);

public sealed record RsvpCountsDto(int Going, int Maybe, int Declined);
