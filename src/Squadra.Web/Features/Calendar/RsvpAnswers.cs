using Squadra.Client;
using Squadra.Contracts.Events;

namespace Squadra.Web.Features.Calendar;

/// <summary>
/// An answer to an event in a person's words, wherever it is given (the event card, a notification): the three
/// choices, what the API made of one (going to a full event is waitlisted), and why it refused one.
/// </summary>
public static class RsvpAnswers
{
    /// <summary>The answers a member can send, in the order they are offered.</summary>
    public static IReadOnlyList<(string Response, string Label)> Choices { get; } =
    [
        (EventRules.RsvpGoing, "Going"),
        (EventRules.RsvpMaybe, "Maybe"),
        (EventRules.RsvpDeclined, "Can't go"),
    ];

    /// <summary>The API's 409 title when the RSVP deadline has passed (a cancelled event's is "Event cancelled").</summary>
    public const string AnswersClosedTitle = "Answers closed";

    /// <summary>What the user's answer now is, as a sentence.</summary>
    public static string Saved(string? myRsvp) => myRsvp switch
    {
        EventRules.RsvpGoing => "You're going.",
        EventRules.RsvpMaybe => "You answered maybe.",
        EventRules.RsvpDeclined => "You answered can't go.",
        EventRules.RsvpWaitlisted => "It's full: you're on the waitlist, and get the next place that frees up.",
        _ => "Answer saved.",
    };

    public static bool IsAnswersClosed(ApiProblem problem) =>
        problem.Status == 409 && string.Equals(problem.Title, AnswersClosedTitle, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why an answer was refused: a 409 is either the deadline or a cancellation, said apart by its title.</summary>
    public static string Refused(ApiProblem problem) => problem.Status switch
    {
        409 when IsAnswersClosed(problem) => "Answers are closed: the RSVP deadline has passed.",
        409 => "This event was cancelled, so it takes no answers.",
        404 => "This event is no longer in the team's calendar.",
        _ => problem.Message,
    };
}
