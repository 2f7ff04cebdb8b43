using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Errors;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

internal static class EventValidation
{
    public static (EventChanges Changes, Dictionary<string, string[]> Errors) ForCreate(CreateEventRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", EventRules.TitleError(request.Title));
        var startsAt = Instant(errors, "startsAt", request.StartsAt, required: true);
        var endsAt = Instant(errors, "endsAt", request.EndsAt, required: false);
        var deadline = Instant(errors, "rsvpDeadline", request.RsvpDeadline, required: false);
        CheckCommon(errors, request.Location, request.Description, startsAt, endsAt, deadline);
        Check(errors, "capacity", EventRules.CapacityError(request.Capacity, zeroRemoves: false));
        Check(errors, "rsvpRequestLeadMinutes", EventRules.RsvpRequestLeadError(request.RsvpRequestLeadMinutes));
        var until = request.Recurrence is { } recurrence ? CheckRecurrence(errors, recurrence, startsAt) : null;
        return (new EventChanges(request.Title?.Trim(), startsAt, endsAt, request.Location?.Trim(), request.Description?.Trim(),
            request.Capacity, deadline, request.RsvpRequestLeadMinutes, request.CreatorGoing, request.Recurrence, until), errors);
    }

    /// <summary>
    /// Fields left out stay; whether the end still follows the start, and the deadline still precedes it, is checked
    /// against the stored event.
    /// </summary>
    public static (EventChanges Changes, Dictionary<string, string[]> Errors) ForUpdate(UpdateEventRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", request.Title is null ? null : EventRules.TitleError(request.Title));
        var startsAt = Instant(errors, "startsAt", request.StartsAt, required: false);
        var endsAt = Instant(errors, "endsAt", request.EndsAt, required: false);
        var deadline = Instant(errors, "rsvpDeadline", request.RsvpDeadline, required: false);
        CheckCommon(errors, request.Location, request.Description, startsAt, endsAt, deadline);
        Check(errors, "capacity", EventRules.CapacityError(request.Capacity, zeroRemoves: true));
        Check(errors, "rsvpRequestLeadMinutes", EventRules.RsvpRequestLeadError(request.RsvpRequestLeadMinutes));
        // Whether until follows the start is checked against the occurrence the new rule starts from.
        var until = request.Recurrence is { } recurrence ? CheckRecurrence(errors, recurrence, startsAt) : null;
        return (new EventChanges(request.Title?.Trim(), startsAt, endsAt, request.Location?.Trim(), request.Description?.Trim(),
            request.Capacity, deadline, request.RsvpRequestLeadMinutes, Recurrence: request.Recurrence, RecurrenceUntil: until), errors);
    }

    public static ((DateTimeOffset? From, DateTimeOffset? To) Window, ProblemHttpResult? Refusal) Window(string? from, string? to)
    {
        DateTimeOffset? start = null, end = null;
        if (from is not null)
        {
            if (!EventRules.TryParseInstant(from, out var parsed))
            {
                return (default, Problems.Validation("from", "from must be an ISO 8601 instant with an offset."));
            }
            start = parsed.ToUniversalTime();
        }
        if (to is not null)
        {
            if (!EventRules.TryParseInstant(to, out var parsed))
            {
                return (default, Problems.Validation("to", "to must be an ISO 8601 instant with an offset."));
            }
            end = parsed.ToUniversalTime();
        }
        return start > end
            ? (default, Problems.Validation("to", "to must not be before from."))
            : ((start, end), null);
    }

    /// <summary>The scope of a change to an occurrence: absent is "this".</summary>
    public static (string Scope, ProblemHttpResult? Refusal) Scope(string? scope) =>
        scope is null ? (EventRules.ScopeThis, null)
        : EventRules.Scopes.Contains(scope) ? (scope, null)
        : (EventRules.ScopeThis, Problems.Validation("scope", "scope must be \"this\", \"following\" or \"all\"."));

    private static DateTimeOffset? CheckRecurrence(Dictionary<string, string[]> errors, RecurrenceDto recurrence, DateTimeOffset? startsAt)
    {
        foreach (var (field, error) in EventRules.RecurrenceErrors(recurrence))
        {
            Check(errors, field, error);
        }
        var until = Instant(errors, "recurrence.until", recurrence.Until, required: false);
        if (until < startsAt)
        {
            Check(errors, "recurrence.until", "until must not be before startsAt.");
        }
        return until;
    }

    private static void CheckCommon(
        Dictionary<string, string[]> errors, string? location, string? description, DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset? deadline)
    {
        Check(errors, "location", EventRules.LengthError(location, EventRules.LocationMaxLength, "A location"));
        Check(errors, "description", EventRules.LengthError(description, EventRules.DescriptionMaxLength, "A description", multiline: true));
        if (startsAt is not null && endsAt is not null && endsAt < startsAt)
        {
            Check(errors, "endsAt", "endsAt must not be before startsAt.");
        }
        if (startsAt is not null && deadline is not null && deadline > startsAt)
        {
            Check(errors, "rsvpDeadline", "rsvpDeadline must not be after startsAt.");
        }
    }

    private static DateTimeOffset? Instant(Dictionary<string, string[]> errors, string field, string? value, bool required)
    {
        if (value is null)
        {
            Check(errors, field, required ? $"{field} is required." : null);
            return null;
        }
        if (!EventRules.TryParseInstant(value, out var instant))
        {
            Check(errors, field, $"{field} must be an ISO 8601 instant with an offset, such as 2026-12-01T18:00:00+01:00.");
            return null;
        }
        // PostgreSQL's timestamptz takes instants; Npgsql writes them in UTC only.
        return instant.ToUniversalTime();
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }
}
