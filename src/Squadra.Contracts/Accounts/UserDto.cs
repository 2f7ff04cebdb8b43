namespace Squadra.Contracts.Accounts;

public sealed record UserDto(string Id, string Username, string DisplayName);
