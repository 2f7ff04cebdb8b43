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

    private static async Task<Ok<IReadOnlyList<string>>> Ids(ClaimsPrincipal user, SavedStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.IdsAsync(user.UserId(), ct));
}
