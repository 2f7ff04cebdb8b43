using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Contracts.Notifications;

namespace Squadra.Api.Features.Notifications;

internal static class NotificationEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", List).WithName("ListNotifications").WithSummary("The caller's notifications after a seq, before one, or the newest; ascending.");
        notifications.MapGet("/unread-count", UnreadCount).WithName("UnreadNotificationCount").WithSummary("How many are unread.");
        notifications.MapPost("/read", MarkRead).WithName("MarkNotificationsRead").WithSummary("Marks every notification up to a seq as read, or, with dmId, every dm.message of that DM.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<NotificationDto>>, ProblemHttpResult>> List(
        long? after, long? before, int? limit, ClaimsPrincipal user, NotificationStore store, CancellationToken ct)
    {
        if (after < 0)
        {
            return Problems.Validation("after", "after must be 0 or more.");
        }
        if (before < 1)
        {
            return Problems.Validation("before", "before must be 1 or more.");
        }
        if (after is not null && before is not null)
        {
            return Problems.Validation("after", "Use either after or before, not both.");
        }
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Validation("limit", $"limit must be 1-{MaxLimit}.");
        }
        var rows = await store.ListAsync(user.UserId(), after, before, limit ?? DefaultLimit, ct);
        return TypedResults.Ok<IReadOnlyList<NotificationDto>>([.. rows.Select(r => r.ToDto())]);
    }

    private static async Task<Ok<UnreadCountDto>> UnreadCount(ClaimsPrincipal user, NotificationStore store, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCountDto(await store.UnreadCountAsync(user.UserId(), ct)));

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        MarkReadRequest request, ClaimsPrincipal user, NotificationStore store, CancellationToken ct)
    {
        if (request.DmId is not null)
        {
            // A DM that was read: its messages' notifications are, whatever else is unread.
            if (request.UpToSeq is not null || !Guid.TryParse(request.DmId, out var dmId))
            {
                return Problems.Validation("dmId", "dmId is a DM's id, and goes without upToSeq.");
            }
            await store.MarkDmReadAsync(user.UserId(), dmId, ct);
            return TypedResults.NoContent();
        }
        if (request.UpToSeq is not { } upTo || upTo < 0)
        {
            return Problems.Validation("upToSeq", "upToSeq is required and must be 0 or more.");
        }
        await store.MarkReadAsync(user.UserId(), upTo, ct);
        return TypedResults.NoContent();
    }
}
