using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Contracts.NotificationPreferences;

namespace Squadra.Api.Features.NotificationPreferences;

internal static class NotificationPreferencesEndpoints
{
    public static IEndpointRouteBuilder MapNotificationPreferences(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/me/notification-preferences").WithTags("Accounts").RequireAuthorization();
        preferences.MapGet("/", Get).WithName("GetNotificationPreferences")
            .WithSummary("What reaches the caller by push and by email, per kind: invitations, mentions, direct messages, events.");
        preferences.MapPatch("/", Change).WithName("ChangeNotificationPreferences")
            .WithSummary("Changes the kinds and channels named; the others stay as they are.");
        return app;
    }

    private static async Task<Results<Ok<NotificationPreferencesDto>, UnauthorizedHttpResult>> Get(
        ClaimsPrincipal user, NotificationPreferencesStore store, CancellationToken ct) =>
        await store.GetAsync(user.UserId(), ct) is { } preferences ? TypedResults.Ok(preferences) : TypedResults.Unauthorized();

    private static async Task<Results<Ok<NotificationPreferencesDto>, UnauthorizedHttpResult>> Change(
        NotificationPreferencesChange change, ClaimsPrincipal user, NotificationPreferencesStore store, CancellationToken ct) =>
        await store.ChangeAsync(user.UserId(), change, ct) is { } preferences ? TypedResults.Ok(preferences) : TypedResults.Unauthorized();
}
