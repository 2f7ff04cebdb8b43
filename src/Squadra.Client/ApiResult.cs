using System.Diagnostics.CodeAnalysis;

namespace Squadra.Client;

/// <summary>What an API call gave back: a value or a problem, and which backend replica answered.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem, string? ServedBy)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsSuccess => Problem is null;
}
