namespace Squadra.Contracts.Events;

/// <summary>
/// How a series repeats, as RFC 5545's RRULE says it: <see cref="Frequency"/> daily, weekly or monthly, every
/// <see cref="Interval"/> of them, on <see cref="ByDay"/> ("MO".."SU", weekly only; none: the first occurrence's day),
/// until an instant or for a <see cref="Count"/> of occurrences (neither: without end). The occurrences keep their local
/// time in <see cref="TimeZone"/> (IANA, e.g. "Europe/Rome"): a weekly 18:30 stays 18:30 across a DST change.
/// </summary>
public sealed record RecurrenceDto(
    string? Frequency,
    int? Interval = null,
    IReadOnlyList<string>? ByDay = null,
    string? Until = null,
    int? Count = null,
    string? TimeZone = null);
