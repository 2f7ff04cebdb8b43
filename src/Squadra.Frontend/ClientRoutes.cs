using Microsoft.AspNetCore.Http.HttpResults;

namespace Squadra.Frontend;

internal static class ClientRoutes
{
    /// <summary>Serves index.html for the browser app's own routes (deep links such as /login).</summary>
    public static void MapClientRoutes(this IEndpointRouteBuilder app)
    {
        // Backend paths reach this node only when the gateway is bypassed; a 404 says so, where index.html would not.
        app.Map("/api/{**path}", BackendOnly);
        app.Map("/hubs/{**path}", BackendOnly);

        app.MapFallbackToFile("index.html", new StaticFileOptions
        {
            // index.html names the current build's files, so it must be revalidated on every visit.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }

    static ProblemHttpResult BackendOnly() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: "This is the frontend node; /api and /hubs are served by the backend through the gateway.");
}
