using Squadra.Contracts.Accounts;

namespace Squadra.Contracts.Events;

/// <summary>Marks whether a member came to an event (true) or not (false); required.</summary>
public sealed record CheckinRequest(bool? Attended);

/// <summary>
/// A team's attendance over a period: the events in it that have started, were not cancelled and have at least one
/// mark (<see cref="Events"/>), and for each current member how many of those they came to and missed.
/// </summary>
public sealed record AttendanceReportDto(DateTimeOffset From, DateTimeOffset To, int Events, IReadOnlyList<MemberAttendanceDto> Members);

/// <summary>One member's marks in the period; <see cref="Attended"/> + <see cref="Absent"/> may be fewer than the events.</summary>
public sealed record MemberAttendanceDto(UserDto User, int Attended, int Absent);
