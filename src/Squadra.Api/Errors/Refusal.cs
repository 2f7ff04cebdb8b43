namespace Squadra.Api.Errors;

/// <summary>
/// Why a store would not do what it was asked, in the domain's words: no HTTP here. Endpoints turn it into a
/// problem in one place (<see cref="RefusalProblems"/>).
/// </summary>
internal abstract record Refusal
{
    /// <summary>The thing does not exist, or the caller may not see it: which of the two is not revealed.</summary>
    public sealed record NotFound(string What) : Refusal;

    /// <summary>The caller may see the thing but not do this to it.</summary>
    public sealed record Forbidden(string Detail) : Refusal;

    /// <summary>The thing's state does not allow it (deleted, cancelled, already answered, the owner's role).</summary>
    public sealed record Conflict(string Title, string Detail) : Refusal;

    /// <summary>The request contradicts what is stored (an end before the stored start).</summary>
    public sealed record Invalid(string Field, string Message) : Refusal;
}
