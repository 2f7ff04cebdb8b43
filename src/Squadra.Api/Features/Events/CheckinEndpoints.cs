using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

/// <summary>Attendance registered (docs/api-extensions.md, "Registering attendance"): who came, and the team's record.</summary>
internal static class CheckinEndpoints
{
    public static IEndpointRouteBuilder MapCheckins(this IEndpointRouteBuilder app)
    {
        var team = app.MapGroup("/api/teams/{teamId:guid}").WithTags("Events").RequireAuthorization();
        team.MapPut("/events/{eventId:guid}/checkins/{memberId:guid}", Mark).WithName("CheckIn")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Marks whether a member came to an event that has started (creator, owner or admin); answers who is going and who came.");
        team.MapDelete("/events/{eventId:guid}/checkins/{memberId:guid}", Clear).WithName("ClearCheckIn")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Takes a member's mark back: not marked.");
        team.MapGet("/attendance", Report).WithName("AttendanceReport")
            .WithSummary("Each member's attended and missed registered events in [from, to) (default: the last 90 days); a member's own only, unless owner or admin.");
        return app;
    }

    private static async Task<Results<Ok<AttendanceDto>, ProblemHttpResult>> Mark(
        Guid teamId, Guid eventId, Guid memberId, CheckinRequest request, ClaimsPrincipal user, EventStore store, CancellationToken ct) =>
        request.Attended is not { } attended
            ? Problems.Validation("attended", "attended must be true (came) or false (did not come).")
            : (await store.CheckInAsync(teamId, eventId, user.UserId(), memberId, attended, ct)).ToOk();

    private static async Task<Results<Ok<AttendanceDto>, ProblemHttpResult>> Clear(
        Guid teamId, Guid eventId, Guid memberId, ClaimsPrincipal user, EventStore store, CancellationToken ct) =>
        (await store.CheckInAsync(teamId, eventId, user.UserId(), memberId, attended: null, ct)).ToOk();

    private static async Task<Results<Ok<AttendanceReportDto>, ProblemHttpResult>> Report(
        Guid teamId, string? from, string? to, ClaimsPrincipal user, EventStore store, TimeProvider clock, CancellationToken ct)
    {
        var (window, refusal) = EventValidation.Window(from, to);
        if (refusal is not null)
        {
            return refusal;
        }
        var end = window.To ?? clock.GetUtcNow();
        var start = window.From ?? end.AddDays(-EventRules.AttendanceReportDefaultDays);
        if (start > end)
        {
            return Problems.Validation("from", "from must not be after to.");
        }
        if (end - start > TimeSpan.FromDays(EventRules.AttendanceReportMaxDays))
        {
            return Problems.Validation("to", $"The period is at most {EventRules.AttendanceReportMaxDays} days.");
        }
        return (await store.AttendanceReportAsync(teamId, user.UserId(), start, end, ct)).ToOk();
    }
}
