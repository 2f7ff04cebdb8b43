using Microsoft.AspNetCore.Http.HttpResults;

namespace Squadra.Api.Errors;

/// <summary>The one place where a store's <see cref="Refusal"/> becomes an HTTP problem.</summary>
internal static class RefusalProblems
{
    public static ProblemHttpResult ToProblem(this Refusal refusal) => refusal switch
    {
        Refusal.NotFound(var what) => Problems.NotFound(what),
        Refusal.Forbidden(var detail) => Problems.Forbidden(detail),
        Refusal.Conflict(var title, var detail) => Problems.Conflict(title, detail),
        Refusal.Invalid(var field, var message) => Problems.Validation(field, message),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "A refusal without a problem."),
    };
}
