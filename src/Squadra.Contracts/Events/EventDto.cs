using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Events;

/// <summary>
/// A team event. <see cref="MyRsvp"/> is the caller's own answer (null when none, or in a push to the whole team):
/// going, maybe, declined, or waitlisted (answered going when the event was full). <see cref="Capacity"/>: the most
/// members going (null: no limit); <see cref="RsvpDeadline"/>: the last instant an answer is taken (null: the start);
/// <see cref="RsvpRequestLeadMinutes"/>: how long before the start members without an answer are asked for one (null:
/// the server's default, 0: never). An occurrence of a recurring series has <see cref="SeriesId"/> and the series'
/// <see cref="Recurrence"/>, and its own answers. Not sealed: a push extends it (<see cref="EventChangedPush"/>).
/// </summary>
public record EventDto(
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
    RecurrenceDto? Recurrence = null);

public sealed record RsvpCountsDto(int Going, int Maybe, int Declined, int Waitlisted = 0);

/// <summary>
/// Who answered what, for the team's members; <see cref="Waitlisted"/> in the order places are given. Once the event
/// has started, who came: the ids of the members marked as having come (<see cref="Attended"/>) or not
/// (<see cref="Absent"/>) by its creator, the owner or an admin; a member in neither is not marked yet.
/// </summary>
public sealed record AttendanceDto(
    IReadOnlyList<UserDto> Going,
    IReadOnlyList<UserDto> Maybe,
    IReadOnlyList<UserDto> Declined,
    IReadOnlyList<UserDto> Waitlisted,
    IReadOnlyList<UserDto> NoResponse,
    IReadOnlyList<string>? Attended = null,
    IReadOnlyList<string>? Absent = null);
