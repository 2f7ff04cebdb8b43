using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Idempotency;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/teams/{teamId}/events").WithTags("Events").RequireAuthorization().WithIdempotencyKeys();
        events.MapPost("/", Create).WithName("CreateEvent").WithSummary("Creates an event; every other member is notified.");
        events.MapGet("/", List).WithName("ListEvents").WithSummary("Events overlapping [from, to), ascending by start.");
        events.MapGet("/{eventId}", Get).WithName("GetEvent").WithSummary("One event with RSVP counts and the caller's answer.");
        events.MapPatch("/{eventId}", Update).WithName("UpdateEvent").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Changes an event (creator, owner or admin).");
        events.MapDelete("/{eventId}", Cancel).WithName("CancelEvent").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Cancels an event; it stays visible as cancelled.");
        events.MapPut("/{eventId}/rsvp", Rsvp).WithName("Rsvp").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Answers going, maybe or declined.");
        return app;
    }

    private static async Task<Results<Created<EventDto>, ProblemHttpResult, ValidationProblem>> Create(
        string teamId, CreateEventRequest request, ClaimsPrincipal user, EventStore store, IdempotentRequest idempotency, CancellationToken ct)
    {
        if (Ids.TryParse(teamId) is not { } team)
        {
            return Problems.NotFound("team");
        }
        var (changes, errors) = EventValidation.ForCreate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await store.CreateAsync(team, user.UserId(), changes, idempotency, ct);
        return outcome.Problem is { } problem ? problem : TypedResults.Created(EventStore.EventLocation(team, outcome.Value!.Id), outcome.Value);
    }

    private static async Task<Results<Ok<IReadOnlyList<EventDto>>, ProblemHttpResult>> List(
        string teamId, string? from, string? to, ClaimsPrincipal user, EventStore store, CancellationToken ct)
    {
        if (Ids.TryParse(teamId) is not { } team)
        {
            return Problems.NotFound("team");
        }
        var (window, refusal) = EventValidation.Window(from, to);
        return refusal ?? (await store.ListAsync(team, user.UserId(), window.From, window.To, ct)).ToOk();
    }

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> Get(string teamId, string eventId, ClaimsPrincipal user, EventStore store, CancellationToken ct) =>
        (Ids.TryParse(teamId), Ids.TryParse(eventId)) switch
        {
            (null, _) => Problems.NotFound("team"),
            (_, null) => Problems.NotFound("event"),
            ({ } team, { } id) => (await store.GetAsync(team, id, user.UserId(), ct)).ToOk(),
        };

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult, ValidationProblem>> Update(
        string teamId, string eventId, UpdateEventRequest request, ClaimsPrincipal user, EventStore store, CancellationToken ct)
    {
        if ((Ids.TryParse(teamId), Ids.TryParse(eventId)) is not ({ } team, { } id))
        {
            return Problems.NotFound(Ids.TryParse(teamId) is null ? "team" : "event");
        }
        var (changes, errors) = EventValidation.ForUpdate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await store.UpdateAsync(team, id, user.UserId(), changes, ct);
        return outcome.Problem is { } problem ? problem : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Cancel(string teamId, string eventId, ClaimsPrincipal user, EventStore store, CancellationToken ct) =>
        (Ids.TryParse(teamId), Ids.TryParse(eventId)) switch
        {
            (null, _) => Problems.NotFound("team"),
            (_, null) => Problems.NotFound("event"),
            ({ } team, { } id) => (await store.CancelAsync(team, id, user.UserId(), ct)).ToNoContent(),
        };

    private static async Task<Results<Ok<EventDto>, ProblemHttpResult>> Rsvp(
        string teamId, string eventId, RsvpRequest request, ClaimsPrincipal user, EventStore store, CancellationToken ct)
    {
        if ((Ids.TryParse(teamId), Ids.TryParse(eventId)) is not ({ } team, { } id))
        {
            return Problems.NotFound(Ids.TryParse(teamId) is null ? "team" : "event");
        }
        if (request.Response is not { } response || !EventRules.RsvpResponses.Contains(response))
        {
            return Problems.Validation("response", "response must be \"going\", \"maybe\" or \"declined\".");
        }
        return (await store.RsvpAsync(team, id, user.UserId(), response, ct)).ToOk();
    }
}
