using Microsoft.AspNetCore.Http.HttpResults;

namespace Squadra.Api.Errors;

/// <summary>Expected refusals as RFC 9457 problems (application/problem+json).</summary>
internal static class Problems
{
    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult Unauthorized(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail);

    /// <summary>The caller sets Retry-After (RateLimiting/RetryAfter).</summary>
    public static ProblemHttpResult TooManyRequests(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title, detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    /// <summary>Also the answer for things that exist but the caller may not see: their existence is not revealed.</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No such {what}, or you may not see it.");

    public static ProblemHttpResult Validation(string field, string message) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "One or more validation errors occurred.",
            detail: message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
