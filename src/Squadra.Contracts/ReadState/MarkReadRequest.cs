namespace Squadra.Contracts.ReadState;

/// <summary>The caller has read its team's or DM's chat up to <see cref="Seq"/>; a lower seq than the one kept changes nothing.</summary>
public sealed record MarkReadRequest(long? Seq);
