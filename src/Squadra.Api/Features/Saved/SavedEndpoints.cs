using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Contracts.Saved;

namespace Squadra.Api.Features.Saved;

internal static class SavedEndpoints
{
    public static IEndpointRouteBuilder MapSaved(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/teams/{teamId:guid}/messages/{messageId:guid}/saved", Save).WithTags("Chat").WithName("SaveMessage")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Saves or unsaves a message of the team's chat for the caller, on every device.");
        app.MapPut("/api/dms/{dmId:guid}/messages/{messageId:guid}/saved", Save).WithTags("Direct messages").WithName("SaveMessageDm")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Saves or unsaves a message of the DM for the caller, on every device.");
        var saved = app.MapGroup("/api/saved").WithTags("Saved messages").RequireAuthorization();
        saved.MapGet("/", List).WithName("ListSavedMessages")
            .WithSummary("The caller's saved messages of their current teams and DMs, the most recently saved first; before an instant for the next page.");
        saved.MapGet("/ids", Ids).WithName("ListSavedMessageIds")
            .WithSummary("The ids of every message the caller saved, to mark them in the chats.");
        saved.MapPut("/{messageId:guid}/reminder", SetReminder).WithName("SetSavedMessageReminder").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Reminds the caller of a message they saved at the instant given (a message.reminder notification), instead of any reminder it had.");
        saved.MapDelete("/{messageId:guid}/reminder", RemoveReminder).WithName("RemoveSavedMessageReminder").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Removes the reminder of a message the caller saved; the message stays saved.");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Save(
        Conversation conversation, Guid messageId, SaveRequest request, ClaimsPrincipal user, SavedStore store, CancellationToken ct) =>
        request.Saved switch
        {
            null => Problems.Validation("saved", "saved is required: true to save the message, false to remove it from your saved messages."),
            { } saved => (await store.SetAsync(conversation, user.UserId(), messageId, saved, ct)).ToNoContent(),
        };

    private static async Task<Results<Ok<IReadOnlyList<SavedMessageDto>>, ProblemHttpResult>> List(
        DateTimeOffset? before, int? limit, ClaimsPrincipal user, SavedStore store, CancellationToken ct)
    {
        if (limit is < 1 or > SavedRules.MaxLimit)
        {
            return Problems.Validation("limit", $"limit must be 1-{SavedRules.MaxLimit}.");
        }
        // Npgsql writes only UTC instants to timestamptz: "before" may come with any offset.
        return TypedResults.Ok(await store.ListAsync(user.UserId(), before?.ToUniversalTime(), limit ?? SavedRules.DefaultLimit, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetReminder(
        Guid messageId, ReminderRequest request, ClaimsPrincipal user, SavedStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return request.RemindAt switch
        {
            null => Problems.Validation("remindAt", "remindAt is required: the instant to be reminded at, e.g. 2026-12-08T09:00:00+01:00."),
            { } at when at <= now => Problems.Validation("remindAt", "remindAt must be in the future."),
            { } at when at > now + SavedRules.MaxReminderAhead => Problems.Validation("remindAt", "remindAt must be within a year from now."),
            { } at => (await store.SetReminderAsync(user.UserId(), messageId, at, ct)).ToNoContent(),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveReminder(
        Guid messageId, ClaimsPrincipal user, SavedStore store, CancellationToken ct) =>
        (await store.SetReminderAsync(user.UserId(), messageId, remindAt: null, ct)).ToNoContent();

    private static async Task<Ok<IReadOnlyList<string>>> Ids(ClaimsPrincipal user, SavedStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.IdsAsync(user.UserId(), ct));
}
