using Squadra.Contracts.Events;
using Squadra.Web.Components.Dates;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// The lines an event card shows about its limits: places (with the waitlist) and the RSVP deadline. No rendering
/// here, so the wording is tested on its own.
/// </summary>
public static class EventPlaces
{
    public static bool IsFull(EventDto e) => e.Capacity is { } capacity && (e.Rsvp?.Going ?? 0) >= capacity;

    /// <summary>"3 of 10 places taken", "Full · 2 waiting"; null when the event has no limit.</summary>
    public static string? Describe(EventDto e)
    {
        if (e.Capacity is not { } capacity)
            return null;

        var going = e.Rsvp?.Going ?? 0;
        var waiting = e.Rsvp?.Waitlisted ?? 0;
        var waitingText = waiting > 0 ? $" · {waiting} waiting" : "";
        return going >= capacity
            ? $"Full{waitingText}"
            : $"{going} of {capacity} {(capacity == 1 ? "place" : "places")} taken{waitingText}";
    }

    /// <summary>
    /// "Answers by Fri 5 Dec, 18:00", or "Answers closed ..." once it has passed; null without a deadline, or when it
    /// is the start itself (what an emptied deadline is sent as: EventForm), since the time line says that already.
    /// </summary>
    public static string? Deadline(EventDto e, TimeProvider clock)
    {
        if (e.RsvpDeadline is not { } deadline || deadline == e.StartsAt)
            return null;

        var when = DateWords.InSentence(DateWords.Moment(deadline, clock));
        return EventPermissions.AnswersClosed(e, clock.GetUtcNow()) ? $"Answers closed {when}" : $"Answers by {when}";
    }

    /// <summary>The going button is about the waitlist: the user holds a place on it, or pressing it would join it.</summary>
    public static bool GoingMeansWaitlist(EventDto e) =>
        e.MyRsvp == EventRules.RsvpWaitlisted || (e.MyRsvp != EventRules.RsvpGoing && IsFull(e));

    /// <summary>The going button's word: the user's place on the waitlist, or what pressing it does to a full event.</summary>
    public static string GoingLabel(EventDto e) =>
        e.MyRsvp == EventRules.RsvpWaitlisted ? "Waitlisted"
        : GoingMeansWaitlist(e) ? "Join waitlist"
        : "Going";
}
