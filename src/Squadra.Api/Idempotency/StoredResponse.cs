namespace Squadra.Api.Idempotency;

internal sealed record StoredResponse(int StatusCode, string? Body, string? Location, byte[]? RequestHash);
