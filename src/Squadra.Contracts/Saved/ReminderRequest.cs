namespace Squadra.Contracts.Saved;

/// <summary>Sets when the caller is reminded of a message they saved: an instant in the next year (any offset).</summary>
public sealed record ReminderRequest(DateTimeOffset? RemindAt);
