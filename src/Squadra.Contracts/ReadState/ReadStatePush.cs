namespace Squadra.Contracts.ReadState;

/// <summary>
/// Pushed to every connection of a user (any replica, any device) when their read state of a chat moved forward;
/// one of <see cref="TeamId"/> and <see cref="DmId"/> is set.
/// </summary>
public sealed record ReadStatePush(string? TeamId, string? DmId, long Seq);
