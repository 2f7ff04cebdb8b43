using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Contracts.Push;

namespace Squadra.Api.Features.Push;

internal static class PushEndpoints
{
    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/api/push").WithTags("Push").RequireAuthorization();
        push.MapGet("/public-key", PublicKey).WithName("PushPublicKey").WithSummary("The VAPID public key to subscribe a browser with.");
        push.MapPost("/subscriptions", Subscribe).WithName("SubscribePush").WithSummary("Sends the caller's notifications to this browser's push service.");
        push.MapDelete("/subscriptions", Unsubscribe).WithName("UnsubscribePush").WithSummary("Stops sending to this endpoint (the caller's own only).");
        return app;
    }

    private static Results<Ok<PushPublicKeyDto>, ProblemHttpResult> PublicKey(IOptions<PushOptions> options) =>
        options.Value.IsConfigured ? TypedResults.Ok(new PushPublicKeyDto(options.Value.Vapid.PublicKey!)) : PushIsOff();

    private static async Task<Results<Created<PushSubscriptionDto>, Ok<PushSubscriptionDto>, ValidationProblem, ProblemHttpResult>> Subscribe(
        PushSubscriptionRequest request, ClaimsPrincipal user, PushSubscriptionStore store, IOptions<PushOptions> options, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return PushIsOff();
        }
        var errors = PushSubscriptionRules.Errors(request, settings.AllowInsecureEndpoints);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (created, subscription) = await store.SubscribeAsync(user.UserId(), request, settings.MaxSubscriptionsPerUser, ct);
        return created ? TypedResults.Created((string?)null, subscription) : TypedResults.Ok(subscription);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(
        string? endpoint, ClaimsPrincipal user, PushSubscriptionStore store, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > PushSubscriptionRules.MaxEndpointLength)
        {
            return Problems.Validation("endpoint", $"endpoint is required, at most {PushSubscriptionRules.MaxEndpointLength} characters.");
        }
        // Not found (never subscribed, already removed, or another user's) is still 204: the endpoint no longer
        // sends this user anything, which is all the caller asked, and nothing tells whether someone else uses it.
        await store.UnsubscribeAsync(user.UserId(), endpoint, ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult PushIsOff() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Push is off", detail: "This server has no VAPID keys: web push is not set up.");
}
