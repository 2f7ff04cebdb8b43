using Microsoft.AspNetCore.Http.HttpResults;

namespace Squadra.Api.Errors;

internal static class OutcomeResults
{
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Outcome<T> outcome) =>
        outcome.Problem is { } problem ? problem : TypedResults.Ok(outcome.Value!);

    public static Results<NoContent, ProblemHttpResult> ToNoContent<T>(this Outcome<T> outcome) =>
        outcome.Problem is { } problem ? problem : TypedResults.NoContent();
}
