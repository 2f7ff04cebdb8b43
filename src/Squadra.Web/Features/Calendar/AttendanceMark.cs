namespace Squadra.Web.Features.Calendar;

/// <summary>Whether a member came to an event (true, false), or their mark taken back (null).</summary>
public readonly record struct AttendanceMark(string MemberId, bool? Attended);
