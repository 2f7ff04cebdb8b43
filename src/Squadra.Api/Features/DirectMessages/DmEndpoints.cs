using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Idempotency;
using Squadra.Contracts.DirectMessages;

namespace Squadra.Api.Features.DirectMessages;

/// <summary>The DMs themselves; their messages are chat's (Features/Chat/ChatEndpoints, under <c>/api/dms/{dmId}/messages</c>).</summary>
internal static class DmEndpoints
{
    public static IEndpointRouteBuilder MapDirectMessages(this IEndpointRouteBuilder app)
    {
        var dms = app.MapGroup("/api/dms").WithTags("Direct messages").RequireAuthorization().WithIdempotencyKeys();
        dms.MapPost("/", Open).WithName("OpenDm")
            .WithSummary("Opens a DM with 1-8 people who share a team with the caller; the one these people already have is answered 200.");
        dms.MapGet("/", List).WithName("ListDms").WithSummary("The caller's DMs, the most recently active first.");
        dms.MapGet("/{dmId:guid}", Get).WithName("GetDm").WithSummary("A DM the caller is in.");
        return app;
    }

    private static async Task<Results<Created<DmDto>, Ok<DmDto>, ProblemHttpResult>> Open(
        CreateDmRequest request, ClaimsPrincipal user, DmStore store, IdempotentRequest idempotency, CancellationToken ct)
    {
        var caller = user.UserId();
        if (DmValidation.Others(request, caller) is not { } others)
        {
            return Problems.Validation("userIds", DmValidation.Invalid);
        }
        var outcome = await store.OpenAsync(caller, others, idempotency, ct);
        return outcome switch
        {
            { Refusal: { } refusal } => refusal.ToProblem(),
            { Value: { Created: true, Dm: var dm } } => TypedResults.Created(DmStore.DmLocation(dm.Id), dm),
            _ => TypedResults.Ok(outcome.Value!.Dm),
        };
    }

    private static async Task<Ok<IReadOnlyList<DmDto>>> List(ClaimsPrincipal user, DmStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(user.UserId(), ct));

    private static async Task<Results<Ok<DmDto>, ProblemHttpResult>> Get(Guid dmId, ClaimsPrincipal user, DmStore store, CancellationToken ct) =>
        await store.GetAsync(dmId, user.UserId(), ct) is { } dm ? TypedResults.Ok(dm) : Problems.NotFound("dm");
}
