using Microsoft.AspNetCore.Http.HttpResults;

namespace Squadra.Api.Errors;

/// <summary>What a store operation produced: a value, or the problem that refused it.</summary>
internal readonly record struct Outcome<T>(T? Value, ProblemHttpResult? Problem)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(ProblemHttpResult problem) => new(default, problem);
}
