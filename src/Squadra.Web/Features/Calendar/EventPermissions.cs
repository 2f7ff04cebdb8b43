using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Features.Calendar;

/// <summary>Mirrors the API's rules (spec/api.md "Team events"), so nobody is offered what can only answer 403 or 409.</summary>
public static class EventPermissions
{
    /// <summary>The creator, the owner and admins change or cancel an event, until it is cancelled.</summary>
    public static bool CanChange(EventDto e, string myUserId, string myRole) =>
        !e.Cancelled && (e.CreatedBy?.Id == myUserId || TeamRoles.CanManage(myRole));

    /// <summary>Until it is cancelled or its RSVP deadline has passed (the API answers 409 "Answers closed" after it).</summary>
    public static bool CanAnswer(EventDto e, DateTimeOffset now) => !e.Cancelled && !AnswersClosed(e, now);

    /// <summary>Started and not cancelled: who came can be registered (by those who may change it: CanChange).</summary>
    public static bool HasStarted(EventDto e, DateTimeOffset now) => !e.Cancelled && e.StartsAt <= now;

    public static bool AnswersClosed(EventDto e, DateTimeOffset now) => e.RsvpDeadline is { } deadline && now > deadline;
}
