using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Data;
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
        teams.MapGet("/{teamId}", Get).WithName("GetTeam").WithSummary("A team with its members.");
        teams.MapPatch("/{teamId}", Update).WithName("UpdateTeam").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Renames or re-describes a team (owner/admin).");
        teams.MapDelete("/{teamId}", Delete).WithName("DeleteTeam").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Deletes a team for everyone (owner).");
        teams.MapPut("/{teamId}/members/{userId}/role", ChangeRole).WithName("ChangeMemberRole").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Makes a member admin or member (owner).");
        teams.MapDelete("/{teamId}/members/{userId}", RemoveMember).WithName("RemoveMember").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
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
        var team = await store.CreateAsync(user.UserId(), request.Name!.Trim(), request.Description?.Trim() ?? "", idempotency, ct);
        return TypedResults.Created(TeamStore.TeamLocation(team.Id), team);
    }

    private static async Task<Ok<IReadOnlyList<TeamDto>>> List(ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(user.UserId(), ct));

    private static async Task<Results<Ok<TeamDto>, ProblemHttpResult>> Get(string teamId, ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        Ids.TryParse(teamId) is { } id && await store.GetAsync(id, user.UserId(), ct) is { } team
            ? TypedResults.Ok(team)
            : Problems.NotFound("team");

    private static async Task<Results<Ok<TeamDto>, ProblemHttpResult, ValidationProblem>> Update(
        string teamId, UpdateTeamRequest request, ClaimsPrincipal user, TeamStore store, CancellationToken ct)
    {
        if (Ids.TryParse(teamId) is not { } id)
        {
            return Problems.NotFound("team");
        }
        var errors = TeamValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await store.UpdateAsync(id, user.UserId(), request.Name?.Trim(), request.Description?.Trim(), ct);
        return outcome.Problem is { } problem ? problem : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string teamId, ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        Ids.TryParse(teamId) is { } id
            ? (await store.DeleteAsync(id, user.UserId(), ct)).ToNoContent()
            : Problems.NotFound("team");

    private static async Task<Results<Ok<MemberDto>, ProblemHttpResult, ValidationProblem>> ChangeRole(
        string teamId, string userId, ChangeRoleRequest request, ClaimsPrincipal user, TeamStore store, CancellationToken ct)
    {
        if (Ids.TryParse(teamId) is not { } team)
        {
            return Problems.NotFound("team");
        }
        var errors = TeamValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (Ids.TryParse(userId) is not { } target)
        {
            return Problems.NotFound("member");
        }
        var outcome = await store.ChangeRoleAsync(team, user.UserId(), target, request.Role!, ct);
        return outcome.Problem is { } problem ? problem : TypedResults.Ok(outcome.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string teamId, string userId, ClaimsPrincipal user, TeamStore store, CancellationToken ct) =>
        (Ids.TryParse(teamId), Ids.TryParse(userId)) switch
        {
            (null, _) => Problems.NotFound("team"),
            (_, null) => Problems.NotFound("member"),
            ({ } team, { } target) => (await store.RemoveMemberAsync(team, user.UserId(), target, ct)).ToNoContent(),
        };
}
