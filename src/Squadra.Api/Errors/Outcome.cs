namespace Squadra.Api.Errors;

/// <summary>What a store operation produced: a value, or the refusal that stopped it.</summary>
internal readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
