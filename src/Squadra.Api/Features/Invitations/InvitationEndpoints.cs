using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Idempotency;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Invitations;

internal static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var team = app.MapGroup("/api/teams/{teamId:guid}/invitations").WithTags("Invitations").RequireAuthorization().WithIdempotencyKeys();
        team.MapPost("/", Invite).WithName("Invite").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Invites a user by username, or anyone by email address with a link valid 7 days (owner/admin).");
        team.MapGet("/", ListForTeam).WithName("ListTeamInvitations").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("The team's pending invitations (owner/admin).");

        var mine = app.MapGroup("/api/invitations").WithTags("Invitations").RequireAuthorization().WithIdempotencyKeys();
        mine.MapGet("/", ListMine).WithName("ListMyInvitations").WithSummary("The caller's pending invitations.");
        mine.MapPost("/{id:guid}/accept", Accept).WithName("AcceptInvitation").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Joins the team: its notifications start at once.");
        mine.MapPost("/{id:guid}/decline", Decline).WithName("DeclineInvitation").ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Declines an invitation.");
        mine.MapDelete("/{id:guid}", Revoke).WithName("RevokeInvitation").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Revokes a pending invitation (inviter, owner or admin).");

        app.MapJoinLinks();
        return app;
    }

    private static async Task<Results<Created<InvitationDto>, ProblemHttpResult, ValidationProblem>> Invite(
        Guid teamId, InviteRequest request, ClaimsPrincipal user, InvitationStore store, IdempotentRequest idempotency, CancellationToken ct)
    {
        var (field, error) = (request.Username, request.Email) switch
        {
            (not null, not null) => ("email", "Invite by username or by email address, not both at once."),
            (null, { } address) => ("email", AccountRules.EmailError(address)),
            _ => ("username", AccountRules.UsernameError(request.Username)),
        };
        if (error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] });
        }
        var outcome = request.Email is { } email
            ? await store.InviteByEmailAsync(teamId, user.UserId(), email, idempotency, ct)
            : await store.InviteAsync(teamId, user.UserId(), request.Username!, idempotency, ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Created(InvitationStore.InvitationLocation(outcome.Value!.Id), outcome.Value);
    }

    private static async Task<Results<Ok<IReadOnlyList<InvitationDto>>, ProblemHttpResult>> ListForTeam(
        Guid teamId, ClaimsPrincipal user, InvitationStore store, CancellationToken ct) =>
        (await store.PendingForTeamAsync(teamId, user.UserId(), ct)).ToOk();

    private static async Task<Ok<IReadOnlyList<InvitationDto>>> ListMine(ClaimsPrincipal user, InvitationStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.PendingForInviteeAsync(user.UserId(), ct));

    private static async Task<Results<Ok<TeamDto>, ProblemHttpResult>> Accept(
        Guid id, ClaimsPrincipal user, InvitationStore store, IdempotentRequest idempotency, CancellationToken ct) =>
        (await store.AcceptAsync(id, user.UserId(), idempotency, ct)).ToOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> Decline(
        Guid id, ClaimsPrincipal user, InvitationStore store, IdempotentRequest idempotency, CancellationToken ct) =>
        (await store.DeclineAsync(id, user.UserId(), idempotency, ct)).ToNoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, ClaimsPrincipal user, InvitationStore store, CancellationToken ct) =>
        (await store.RevokeAsync(id, user.UserId(), ct)).ToNoContent();
}
