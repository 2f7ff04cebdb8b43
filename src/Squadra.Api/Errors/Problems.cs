using Microsoft.AspNetCore.Http.HttpResults;

namespace Squadra.Api.Errors;

/// <summary>Expected refusals as RFC 9457 problems (application/problem+json).</summary>
internal static class Problems
{
    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult Unauthorized(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail);
}
