using Squadra.Api.Data;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

internal sealed record EventRow(
    Guid Id, Guid TeamId, string Title, string Description, string Location, DateTime StartsAt, DateTime? EndsAt,
    Guid CreatedById, string CreatedByUsername, string CreatedByDisplayName, bool Cancelled,
    int Going, int Maybe, int Declined, int Waitlisted, string? MyRsvp, int? Capacity, DateTime? RsvpDeadline, int? RsvpRequestLeadMinutes, DateTime UpdatedAt,
    Guid? SeriesId, string? Frequency, int? Interval, string? ByDay, DateTime? Until, int? Count, string? TimeZone)
{
    /// <summary>
    /// Needs @viewer (the caller's id, or null for a view without an own answer). Counts the answers of the team's
    /// current members: someone who left neither comes nor holds a place.
    /// </summary>
    public const string Select = """
        SELECT e.id, e.team_id AS TeamId, e.title, e.description, e.location, e.starts_at AS StartsAt, e.ends_at AS EndsAt,
               e.created_by AS CreatedById, u.username AS CreatedByUsername, u.display_name AS CreatedByDisplayName, e.cancelled,
               r.going AS Going, r.maybe AS Maybe, r.declined AS Declined, r.waitlisted AS Waitlisted,
               (SELECT response FROM event_rsvps mine WHERE mine.event_id = e.id AND mine.user_id = @viewer) AS MyRsvp,
               e.capacity AS Capacity, e.rsvp_deadline AS RsvpDeadline,
               (extract(epoch FROM e.rsvp_request_lead) / 60)::int AS RsvpRequestLeadMinutes, e.updated_at AS UpdatedAt,
               e.series_id AS SeriesId, s.frequency, s.interval, array_to_string(s.by_day, ',') AS ByDay, s.until, s.count, s.time_zone AS TimeZone
        FROM events e
        JOIN users u ON u.id = e.created_by
        LEFT JOIN event_series s ON s.id = e.series_id
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE response = 'going')::int AS going,
                   count(*) FILTER (WHERE response = 'maybe')::int AS maybe,
                   count(*) FILTER (WHERE response = 'declined')::int AS declined,
                   count(*) FILTER (WHERE response = 'waitlisted')::int AS waitlisted
            FROM event_rsvps er
            JOIN team_members tm ON tm.team_id = e.team_id AND tm.user_id = er.user_id
            WHERE er.event_id = e.id) r
        """;

    public EventDto ToDto() => new(
        Id.ToString(), TeamId.ToString(), Title, Description, Location,
        Instants.Utc(StartsAt), EndsAt is null ? null : Instants.Utc(EndsAt.Value),
        new UserDto(CreatedById.ToString(), CreatedByUsername, CreatedByDisplayName),
        Cancelled, new RsvpCountsDto(Going, Maybe, Declined, Waitlisted), MyRsvp,
        Capacity, RsvpDeadline is null ? null : Instants.Utc(RsvpDeadline.Value), RsvpRequestLeadMinutes,
        SeriesId?.ToString(),
        SeriesId is null ? null : new RecurrenceDto(Frequency, Interval, SeriesRule.Days(ByDay), Until is null ? null : Iso(Until.Value), Count, TimeZone));

    private static string Iso(DateTime utc) => Instants.Utc(utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
