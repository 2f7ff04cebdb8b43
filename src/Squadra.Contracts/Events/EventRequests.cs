namespace Squadra.Contracts.Events;

/// <summary>Instants are ISO 8601 strings with an offset ("2026-12-01T18:00:00+01:00" or "...Z").</summary>
public sealed record CreateEventRequest(string? Title, string? StartsAt, string? EndsAt = null, string? Location = null, string? Description = null);

/// <summary>Only the fields present change.</summary>
public sealed record UpdateEventRequest(string? Title = null, string? StartsAt = null, string? EndsAt = null, string? Location = null, string? Description = null);

public sealed record RsvpRequest(string? Response);

public sealed record CalendarFeedDto(string TeamId, string TeamName, string Url);
