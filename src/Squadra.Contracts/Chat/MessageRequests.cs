namespace Squadra.Contracts.Chat;

/// <summary><see cref="ThreadRootId"/>: the top-level message of the same team this replies to; null posts a top-level message.</summary>
public sealed record PostMessageRequest(string? Body, string? ThreadRootId = null);

public sealed record EditMessageRequest(string? Body);
