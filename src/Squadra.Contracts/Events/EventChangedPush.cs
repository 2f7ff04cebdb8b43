using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Events;

/// <summary>
/// What the hub's <c>eventChanged</c> carries: the event as everyone sees it (<c>myRsvp</c> null), and, when one
/// request changed several occurrences of a series (made it, or changed or cancelled "following" or "all"),
/// <see cref="SeriesChange"/>: the push is then one for the whole change, not one per occurrence, and is the
/// occurrence the change was made on. A client that knows the field reads the series' occurrences again; one that
/// does not still reads a plain <see cref="EventDto"/>. Positional, so JSON reads it back with the field.
/// </summary>
public sealed record EventChangedPush(
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
    string? MyRsvp,
    int? Capacity = null,
    DateTimeOffset? RsvpDeadline = null,
    int? RsvpRequestLeadMinutes = null,
    string? SeriesId = null,
    RecurrenceDto? Recurrence = null,
    SeriesChangeDto? SeriesChange = null)
    : EventDto(Id, TeamId, Title, Description, Location, StartsAt, EndsAt, CreatedBy, Cancelled, Rsvp, MyRsvp, Capacity, RsvpDeadline,
        RsvpRequestLeadMinutes, SeriesId, Recurrence)
{
    public static EventChangedPush Of(EventDto e, SeriesChangeDto? seriesChange = null) =>
        new(e.Id, e.TeamId, e.Title, e.Description, e.Location, e.StartsAt, e.EndsAt, e.CreatedBy, e.Cancelled, e.Rsvp, e.MyRsvp, e.Capacity,
            e.RsvpDeadline, e.RsvpRequestLeadMinutes, e.SeriesId, e.Recurrence, seriesChange);
}

/// <summary>
/// A change to several occurrences of series <see cref="SeriesId"/>: <see cref="Scope"/> "all" (made, or all of it
/// changed or cancelled) or "following" (the pushed occurrence and the later ones).
/// </summary>
public sealed record SeriesChangeDto(string SeriesId, string Scope);
