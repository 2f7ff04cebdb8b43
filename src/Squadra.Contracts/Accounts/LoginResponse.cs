namespace Squadra.Contracts.Accounts;

public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, UserDto User);
