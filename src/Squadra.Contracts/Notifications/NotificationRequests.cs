namespace Squadra.Contracts.Notifications;

public sealed record MarkReadRequest(long? UpToSeq);

public sealed record UnreadCountDto(long Count);
