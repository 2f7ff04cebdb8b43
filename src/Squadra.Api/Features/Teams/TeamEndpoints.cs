using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Idempotency;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Teams;

internal static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/teams").WithTags("Teams").RequireAuthorization().WithIdempotencyKeys();
        teams.MapPost("/", Create).WithName("CreateTeam").WithSummary("Creates a team; the caller is its owner.");
        teams.MapGet("/", List).WithName("ListTeams").WithSummary("The caller's teams.");
        teams.MapGet("/{teamId:guid}", Get).WithName("GetTeam").WithSummary("A team with its members.");
        teams.MapPatch("/{teamId:guid}", Update).WithName("UpdateTeam").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Renames or re-describes a team, or sets the language its messages are searched in (owner/admin).");
        teams.MapDelete("/{teamId:guid}", Delete).WithName("DeleteTeam").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Deletes a team for everyone (owner).");
        teams.MapPut("/{teamId:guid}/members/{userId:guid}/role", ChangeRole).WithName("ChangeMemberRole").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Makes a member admin or member (owner).");
        teams.MapDelete("/{teamId:guid}/members/{userId:guid}", RemoveMember).WithName("RemoveMember").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Removes a member (owner/admin), or leaves the team when userId is the caller's.");
        return app;
    }

    private static async Task<Results<Created<TeamDto>, ValidationProblem>> Create(
        CreateTeamRequest request, ClaimsPrincipal user, TeamStore store, IdempotentRequest idempotency, CancellationToken ct)
    {
        var errors = TeamValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var team = await store.CreateAsync(
            user.UserId(), request.Name!.Trim(), request.Description?.Trim() ?? "", request.Language ?? TeamLanguages.Simple, idempotency, ct);
        return TypedResults.Created(TeamStore.TeamLocation(team.Id), team);
    }

    private static async Task<Ok<IReadOnlyList<TeamDto>>> List(ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(user.UserId(), ct));

    private static async Task<Results<Ok<TeamDto>, ProblemHttpResult>> Get(Guid teamId, ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        await store.GetAsync(teamId, user.UserId(), ct) is { } team
            ? TypedResults.Ok(team)
            : Problems.NotFound("team");

    private static async Task<Results<Ok<TeamDto>, ProblemHttpResult, ValidationProblem>> Update(
        Guid teamId, UpdateTeamRequest request, ClaimsPrincipal user, TeamStore store, CancellationToken ct)
    {
        var errors = TeamValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await store.UpdateAsync(teamId, user.UserId(), request.Name?.Trim(), request.Description?.Trim(), request.Language, ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid teamId, ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        (await store.DeleteAsync(teamId, user.UserId(), ct)).ToNoContent();

    private static async Task<Results<Ok<MemberDto>, ProblemHttpResult, ValidationProblem>> ChangeRole(
        Guid teamId, Guid userId, ChangeRoleRequest request, ClaimsPrincipal user, TeamStore store, CancellationToken ct)
    {
        var errors = TeamValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await store.ChangeRoleAsync(teamId, user.UserId(), userId, request.Role!, ct);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        Guid teamId, Guid userId, ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        (await store.RemoveMemberAsync(teamId, user.UserId(), userId, ct)).ToNoContent();
}
