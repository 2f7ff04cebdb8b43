namespace Squadra.Contracts.Accounts;

// Fields are nullable so that a missing field is a validation error (400 with `errors`), not a binding failure.
public sealed record RegisterRequest(string? Username, string? Password, string? DisplayName = null, string? Email = null);
