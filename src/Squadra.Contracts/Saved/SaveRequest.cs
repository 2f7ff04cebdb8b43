namespace Squadra.Contracts.Saved;

/// <summary>Saves (<c>true</c>) or unsaves (<c>false</c>) a message for the caller, on every device of theirs.</summary>
public sealed record SaveRequest(bool? Saved);
