namespace Squadra.Contracts.Accounts;

public sealed record LoginRequest(string? Username, string? Password);
