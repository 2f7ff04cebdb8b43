using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Contracts.Muting;

namespace Squadra.Api.Features.Muting;

internal static class MutingEndpoints
{
    public static IEndpointRouteBuilder MapMuting(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/teams/{teamId:guid}/mute", Mute).WithTags("Chat").WithName("MuteTeamChat").RequireAuthorization()
            .WithSummary("Mutes or unmutes the team's chat for the caller, on every device: its unread messages are not counted for them.");
        app.MapPut("/api/dms/{dmId:guid}/mute", Mute).WithTags("Direct messages").WithName("MuteDm").RequireAuthorization()
            .WithSummary("Mutes or unmutes the DM for the caller, on every device: no dm.message notification unless a message mentions them.");
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Mute(
        Conversation conversation, MuteRequest request, ClaimsPrincipal user, MutingStore store, CancellationToken ct) =>
        request.Muted switch
        {
            null => Problems.Validation("muted", "muted is required: true to mute the chat, false to unmute it."),
            { } muted => (await store.SetAsync(conversation, user.UserId(), muted, ct)).ToNoContent(),
        };
}
