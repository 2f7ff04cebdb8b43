using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Contracts.ReadState;

namespace Squadra.Api.Features.ReadState;

internal static class ReadStateEndpoints
{
    public static IEndpointRouteBuilder MapReadState(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/teams/{teamId:guid}/read", MarkRead).WithTags("Chat").WithName("MarkTeamRead").RequireAuthorization()
            .WithSummary("The caller has read the team's chat up to seq, on every device; a lower seq than the one kept changes nothing.");
        app.MapPut("/api/dms/{dmId:guid}/read", MarkRead).WithTags("Direct messages").WithName("MarkDmRead").RequireAuthorization()
            .WithSummary("The caller has read the DM up to seq, on every device; a lower seq than the one kept changes nothing.");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        Conversation conversation, MarkReadRequest request, ClaimsPrincipal user, ReadStateStore store, CancellationToken ct) =>
        request.Seq switch
        {
            null => Problems.Validation("seq", "seq is required: the seq of the newest message read."),
            < 0 => Problems.Validation("seq", "seq must be 0 or more."),
            { } seq => (await store.MarkReadAsync(conversation, user.UserId(), seq, ct)).ToNoContent(),
        };
}
