using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Features.Email;
using Squadra.Api.Idempotency;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Invitations;

/// <summary>/api/join/{token}: the link an invitation by email carries. Reading it needs no account; accepting does.</summary>
internal static class JoinLinkEndpoints
{
    public static IEndpointRouteBuilder MapJoinLinks(this IEndpointRouteBuilder app)
    {
        var join = app.MapGroup("/api/join/{token}").WithTags("Invitations").WithIdempotencyKeys();
        join.MapGet("/", Show).WithName("ShowJoinLink").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The team and the inviter an emailed invitation's link is for (no sign-in needed).");
        join.MapPost("/accept", Accept).WithName("AcceptJoinLink").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The signed-in user joins the team, whatever their own email address; the link is then spent.");
        return app;
    }

    private static async Task<Results<Ok<JoinLinkDto>, ProblemHttpResult>> Show(string token, InvitationStore store, CancellationToken ct) =>
        LinkToken.IsWellFormed(token) ? (await store.JoinLinkAsync(token, ct)).ToOk() : new Refusal.NotFound("invitation").ToProblem();

    private static async Task<Results<Ok<TeamDto>, ProblemHttpResult>> Accept(
        string token, ClaimsPrincipal user, InvitationStore store, IdempotentRequest idempotency, CancellationToken ct) =>
        LinkToken.IsWellFormed(token)
            ? (await store.AcceptLinkAsync(token, user.UserId(), idempotency, ct)).ToOk()
            : new Refusal.NotFound("invitation").ToProblem();
}
