using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Idempotency;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/teams/{teamId:guid}/events").WithTags("Events").RequireAuthorization().WithIdempotencyKeys();
        events.MapPost("/", Create).WithName("CreateEvent").WithSummary("Creates an event; every other member is notified.");
        events.MapGet("/", List).WithName("ListEvents").WithSummary("Events overlapping [from, to), ascending by start.");
        events.MapGet("/{eventId:guid}", Get).WithName("GetEvent").WithSummary("One event with RSVP counts and the caller's answer.");
        events.MapPatch("/{eventId:guid}", Update).WithName("UpdateEvent").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Changes an event (creator, owner or admin); of a series: ?scope=this (default), following or all.");
        events.MapDelete("/{eventId:guid}", Cancel).WithName("CancelEvent").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Cancels an event; it stays visible as cancelled. Of a series: ?scope=this (default), following or all.");
        events.MapPut("/{eventId:guid}/rsvp", Rsvp).WithName("Rsvp").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Answers going, maybe or declined; going to a full event is waitlisted. After the RSVP deadline: 409.");
        events.MapGet("/{eventId:guid}/attendance", Attendance).WithName("EventAttendance")
            .WithSummary("The team's members by answer: going, maybe, declined, waitlisted (in order), no response.");
        return app;
    }

    private static async Task<Results<Created<EventDto>, ProblemHttpResult, ValidationProblem>> Create(
        Guid teamId, CreateEventRequest request, ClaimsPrincipal user, EventStore store, IdempotentRequest idempotency, CancellationToken ct)
    {
        var (changes, errors) = EventValidation.ForCreate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await store.CreateAsync(teamId, user.UserId(), changes, idempotency, ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Created(EventStore.EventLocation(teamId, outcome.Value!.Id), outcome.Value);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventDto>>, ProblemHttpResult>> List(
        Guid teamId, string? from, string? to, ClaimsPrincipal user, EventStore store, CancellationToken ct)
    {
        var (window, refusal) = EventValidation.Window(from, to);
        return refusal ?? (await store.ListAsync(teamId, user.UserId(), window.From, window.To, ct)).ToOk();
    }

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> Get(Guid teamId, Guid eventId, ClaimsPrincipal user, EventStore store, CancellationToken ct) =>
        (await store.GetAsync(teamId, eventId, user.UserId(), ct)).ToOk();

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult, ValidationProblem>> Update(
        Guid teamId, Guid eventId, string? scope, UpdateEventRequest request, ClaimsPrincipal user, EventStore store, CancellationToken ct)
    {
        var (changeScope, badScope) = EventValidation.Scope(scope);
        if (badScope is not null)
        {
            return badScope;
        }
        var (changes, errors) = EventValidation.ForUpdate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await store.UpdateAsync(teamId, eventId, user.UserId(), changes, changeScope, ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Cancel(
        Guid teamId, Guid eventId, string? scope, ClaimsPrincipal user, EventStore store, CancellationToken ct)
    {
        var (changeScope, badScope) = EventValidation.Scope(scope);
        return badScope ?? (await store.CancelAsync(teamId, eventId, user.UserId(), changeScope, ct)).ToNoContent();
    }

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> Rsvp(
        Guid teamId, Guid eventId, RsvpRequest request, ClaimsPrincipal user, EventStore store, CancellationToken ct)
    {
        if (request.Response is not { } response || !EventRules.RsvpResponses.Contains(response))
        {
            return Problems.Validation("response", "response must be \"going\", \"maybe\" or \"declined\".");
        }
        return (await store.RsvpAsync(teamId, eventId, user.UserId(), response, ct)).ToOk();
    }

    private static async Task<Results<Ok<AttendanceDto>, ProblemHttpResult>> Attendance(
        Guid teamId, Guid eventId, ClaimsPrincipal user, EventStore store, CancellationToken ct) =>
        (await store.AttendanceAsync(teamId, eventId, user.UserId(), ct)).ToOk();
}
