namespace Squadra.Contracts.Events;

/// <summary>
/// Instants are ISO 8601 strings with an offset ("2026-12-01T18:00:00+01:00" or "...Z"). <see cref="CreatorGoing"/>
/// answers going for the creator at once (a team's organiser usually attends what they plan). With a
/// <see cref="Recurrence"/> the event is the first occurrence of a series.
/// </summary>
public sealed record CreateEventRequest(
    string? Title,
    string? StartsAt,
    string? EndsAt = null,
    string? Location = null,
    string? Description = null,
    int? Capacity = null,
    string? RsvpDeadline = null,
    int? RsvpRequestLeadMinutes = null,
    bool CreatorGoing = false,
    RecurrenceDto? Recurrence = null);

/// <summary>
/// Only the fields present change; <see cref="Capacity"/> 0 removes the limit. <see cref="Recurrence"/> is a series'
/// new rule, for <c>?scope=following</c> (from this occurrence on) or <c>all</c>.
/// </summary>
public sealed record UpdateEventRequest(
    string? Title = null,
    string? StartsAt = null,
    string? EndsAt = null,
    string? Location = null,
    string? Description = null,
    int? Capacity = null,
    string? RsvpDeadline = null,
    int? RsvpRequestLeadMinutes = null,
    RecurrenceDto? Recurrence = null);

public sealed record RsvpRequest(string? Response);

public sealed record CalendarFeedDto(string TeamId, string TeamName, string Url);
