namespace Squadra.Contracts.Muting;

/// <summary>Mutes (<c>true</c>) or unmutes (<c>false</c>) the caller's team chat or DM, on every device of theirs.</summary>
public sealed record MuteRequest(bool? Muted);
