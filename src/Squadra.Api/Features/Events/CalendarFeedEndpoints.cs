using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Squadra.Api.Auth;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Teams;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

internal static class CalendarFeedEndpoints
{
    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/me/calendar-feeds").WithTags("Events").RequireAuthorization();
        mine.MapGet("/", List).WithName("ListCalendarFeeds").WithSummary("The caller's personal feed URL for each of their teams.");
        mine.MapPost("/", Rotate).WithName("RotateCalendarFeeds").WithSummary("A new feed token: every old feed URL stops working.");

        // No RequireAuthorization: calendar apps send the personal token in the URL instead of a header.
        app.MapGet("/api/teams/{teamId:guid}/events.ics", Feed).WithTags("Events").WithName("TeamCalendarFeed")
            .WithSummary("The team's events as an iCalendar feed (token = the caller's personal feed token).")
            .AllowAnonymous();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CalendarFeedDto>>> List(ClaimsPrincipal user, CalendarFeedTokens tokens, TeamStore teams, CancellationToken ct) =>
        TypedResults.Ok(await FeedsAsync(user.UserId(), await tokens.CurrentAsync(user.UserId(), ct), teams, ct));

    private static async Task<Ok<IReadOnlyList<CalendarFeedDto>>> Rotate(ClaimsPrincipal user, CalendarFeedTokens tokens, TeamStore teams, CancellationToken ct) =>
        TypedResults.Ok(await FeedsAsync(user.UserId(), await tokens.RotateAsync(user.UserId(), ct), teams, ct));

    private static async Task<IReadOnlyList<CalendarFeedDto>> FeedsAsync(Guid userId, string token, TeamStore teams, CancellationToken ct) =>
        [.. (await teams.ListAsync(userId, ct)).Select(t => new CalendarFeedDto(t.Id, t.Name, $"/api/teams/{t.Id}/events.ics?token={token}"))];

    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Feed(
        Guid teamId, string? token, CalendarFeedTokens tokens, EventStore events, Db db, HttpContext http, CancellationToken ct)
    {
        // The URL is a credential: no shared cache keeps the answer (a calendar app's own may, asking again with
        // If-None-Match), and no Referer carries the URL anywhere.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (await tokens.OwnerOfAsync(token, ct) is not { } userId)
        {
            return Problems.Unauthorized("Invalid feed token", "The feed token is missing, malformed or has been replaced; get a new feed URL.");
        }
        var team = await db.RunAsync((connection, t) => connection.TeamAsSeenByAsync(teamId, userId, null, t), ct);
        if (team is null)
        {
            return Problems.NotFound("team");
        }
        var feed = CalendarFeed.Write(team.Name, await events.AllOfTeamAsync(team.Id, ct));
        // Calendar apps poll: an unchanged feed costs them a 304 and no body.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(feed)))[..32]}\"");
        http.Response.GetTypedHeaders().ETag = etag;
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Text(feed, "text/calendar; charset=utf-8");
    }
}
