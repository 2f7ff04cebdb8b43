using Microsoft.AspNetCore.Http.HttpResults;

namespace Squadra.Api.Errors;

internal static class OutcomeResults
{
    public static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Outcome<T> outcome) =>
        outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Value!);

    public static Results<NoContent, ProblemHttpResult> ToNoContent<T>(this Outcome<T> outcome) =>
        outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();

}
