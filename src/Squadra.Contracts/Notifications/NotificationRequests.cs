namespace Squadra.Contracts.Notifications;

/// <summary>Either every notification up to <see cref="UpToSeq"/>, or every <c>dm.message</c> of the DM <see cref="DmId"/> (the DM was read).</summary>
public sealed record MarkReadRequest(long? UpToSeq, string? DmId = null);

public sealed record UnreadCountDto(long Count);
