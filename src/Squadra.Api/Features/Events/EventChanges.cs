using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

/// <summary>
/// A validated create or update: null fields stay as they are. <see cref="Capacity"/> 0 (update only) removes the
/// limit; <see cref="CreatorGoing"/> is taken on create only, <see cref="Recurrence"/> (with its until, parsed) on
/// create and on a change of a series' following or all occurrences.
/// </summary>
internal sealed record EventChanges(
    string? Title,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Location,
    string? Description,
    int? Capacity = null,
    DateTimeOffset? RsvpDeadline = null,
    int? RsvpRequestLeadMinutes = null,
    bool CreatorGoing = false,
    RecurrenceDto? Recurrence = null,
    DateTimeOffset? RecurrenceUntil = null);
