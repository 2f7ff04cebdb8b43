namespace Squadra.Client;

/// <summary>A call that had to succeed did not: for tools and tests setting a scene, where a problem means stop.</summary>
public sealed class ApiProblemException(ApiProblem problem)
    : Exception($"{problem.Status} {problem.Title}: {problem.Message}")
{
    public ApiProblem Problem { get; } = problem;
}

public static class ApiResultExtensions
{
    /// <summary>The value of a call that has to succeed (null for a 204); its problem, thrown, when it did not.</summary>
    public static async Task<T> ValueOrThrowAsync<T>(this Task<ApiResult<T>> call)
    {
        var result = await call;
        return result.IsSuccess ? result.Value : throw new ApiProblemException(result.Problem);
    }
}
