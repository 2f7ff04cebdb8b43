using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Realtime;
using Squadra.Contracts.Presence;

namespace Squadra.Api.Features.Presence;

internal static class PresenceEndpoints
{
    /// <summary>Enough for every member of a large team's list in one request; a URL of 100 ids is ~3.7 KB.</summary>
    public const int MaxUsers = 100;

    public static IEndpointRouteBuilder MapPresence(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/presence", Get).WithTags("Presence").WithName("GetPresence").RequireAuthorization()
            .WithSummary("Whether each of userIds (comma-separated, at most 100) is online, and when last seen; users the caller shares no team or DM with are left out.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PresenceDto>>, ProblemHttpResult>> Get(
        string? userIds, ClaimsPrincipal user, LastSeenStore lastSeen, PresenceBoard board, ConnectionRegistry registry, CancellationToken ct)
    {
        var ids = (userIds ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parsed = ids.Select(id => Guid.TryParse(id, out var g) ? g : (Guid?)null).ToArray();
        if (ids.Length is 0 or > MaxUsers || parsed.Any(g => g is null))
        {
            return Problems.Validation("userIds", $"userIds must be 1-{MaxUsers} user ids, separated by commas.");
        }
        var visible = await lastSeen.VisibleToAsync(user.UserId(), [.. parsed.Select(g => g!.Value).Distinct()], ct);
        return TypedResults.Ok<IReadOnlyList<PresenceDto>>([.. visible.Select(seen =>
        {
            // Connected here counts at once, before this replica's own announcement has come back on the channel.
            var online = board.IsOnline(seen.Id) || registry.IsConnected(seen.Id);
            return new PresenceDto(seen.Id.ToString(), online, online || seen.LastSeenAt is not { } at ? null : Instants.Utc(at))
            {
                PausedUntil = seen.PausedUntil is { } until ? Instants.Utc(until) : null,
            };
        })]);
    }
}
