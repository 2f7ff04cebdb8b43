using Squadra.Client.Events;
using Squadra.Contracts.Events;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// A team's events as the calendar knows them, from pages, the user's own answers and live pushes. A push carries
/// no <c>myRsvp</c> (it is the same for every member), so the user's own answer held here is kept across it.
/// No I/O here, so the rules are tested on their own.
/// </summary>
public sealed class EventBook
{
    readonly Dictionary<string, EventDto> _events = [];

    public IReadOnlyList<EventDto> All => [.. _events.Values.OrderBy(e => e.StartsAt).ThenBy(e => e.Id, StringComparer.Ordinal)];

    public EventDto? Find(string id) => _events.GetValueOrDefault(id);

    /// <summary>An answer from the API for the user: taken as it is, with the user's own answer.</summary>
    public void Put(EventDto answer) => _events[answer.Id] = answer;

    public void PutAll(IEnumerable<EventDto> answers)
    {
        foreach (var answer in answers)
            Put(answer);
    }

    /// <summary>A pushed event (new, changed, cancelled, answered by someone): the user's own answer stays.</summary>
    public void Apply(EventDto pushed) =>
        _events[pushed.Id] = _events.TryGetValue(pushed.Id, out var held) && pushed.MyRsvp is null ? pushed with { MyRsvp = held.MyRsvp } : pushed;

    /// <summary>What has not ended yet (one without an end lasts its start instant), soonest first.</summary>
    public IReadOnlyList<EventDto> Upcoming(DateTimeOffset now) => [.. All.Where(e => (e.EndsAt ?? e.StartsAt) >= now)];

    /// <summary>The events that take place on a day of the user's calendar, in the user's zone.</summary>
    public IReadOnlyList<EventDto> On(DateOnly day, TimeZoneInfo zone) => [.. All.Where(e => Days(e, zone).Contains(day))];

    /// <summary>The local days an event occupies: from its start's day to its end's (an end at midnight ends the day before).</summary>
    public static DayRange Days(EventDto e, TimeZoneInfo zone)
    {
        var start = EventInstants.ToLocal(e.StartsAt, zone);
        var end = EventInstants.ToLocal(e.EndsAt ?? e.StartsAt, zone);
        var last = DateOnly.FromDateTime(end.DateTime);
        if (end > start && end.TimeOfDay == TimeSpan.Zero)
            last = last.AddDays(-1);
        var first = DateOnly.FromDateTime(start.DateTime);
        return new(first, last < first ? first : last);
    }
}

public readonly record struct DayRange(DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly day) => day >= First && day <= Last;
}
