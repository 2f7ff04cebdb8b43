using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Presence;

/// <summary>Configuration section <c>Realtime:Presence</c>.</summary>
internal sealed class PresenceOptions
{
    public const string Section = "Realtime:Presence";

    /// <summary>
    /// A replica not heard for this long is taken for dead and its users for offline (unless connected elsewhere).
    /// Replicas heartbeat at every sweep (Realtime:Fanout:SweepInterval, 1.5 s), so the default survives a few lost
    /// beats and still announces a killed replica's users offline well within the contract's 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ReplicaTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
