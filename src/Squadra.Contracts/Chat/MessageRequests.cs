namespace Squadra.Contracts.Chat;

public sealed record PostMessageRequest(string? Body);

public sealed record EditMessageRequest(string? Body);
