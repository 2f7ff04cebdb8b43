using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Contracts.NotificationPreferences;

namespace Squadra.Api.Features.NotificationPreferences;

internal static class NotificationPauseEndpoints
{
    public static IEndpointRouteBuilder MapNotificationPause(this IEndpointRouteBuilder app)
    {
        var pause = app.MapGroup("/api/me/notification-pause").WithTags("Accounts").RequireAuthorization();
        pause.MapPut("/", Pause).WithName("PauseNotifications")
            .WithSummary("Pushes nothing to the caller, and holds their email digest, until the instant given; the notifications still come to the app.");
        pause.MapDelete("/", Resume).WithName("ResumeNotifications")
            .WithSummary("Ends the caller's pause of notifications, if any.");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult, UnauthorizedHttpResult>> Pause(
        NotificationPauseRequest request, ClaimsPrincipal user, NotificationPauseStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return request.Until switch
        {
            null => Problems.Validation("until", "until is required: the instant notifications come back, e.g. 2026-12-08T09:00:00+01:00."),
            { } until when until <= now => Problems.Validation("until", "until must be in the future."),
            { } until when until > now + NotificationPauseRules.MaxAhead => Problems.Validation("until", "until must be within a year from now."),
            { } until => await store.SetAsync(user.UserId(), until, ct) ? TypedResults.NoContent() : TypedResults.Unauthorized(),
        };
    }

    private static async Task<Results<NoContent, UnauthorizedHttpResult>> Resume(ClaimsPrincipal user, NotificationPauseStore store, CancellationToken ct) =>
        await store.SetAsync(user.UserId(), until: null, ct) ? TypedResults.NoContent() : TypedResults.Unauthorized();
}
