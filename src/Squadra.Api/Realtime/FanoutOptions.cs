using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Realtime;

/// <summary>Configuration section <c>Realtime:Fanout</c>.</summary>
internal sealed class FanoutOptions
{
    public const string Section = "Realtime:Fanout";

    /// <summary>
    /// How often each replica compares the seqs of its connected teams and users with the database, to push what
    /// was committed but never announced (a replica killed between a commit and its announcement). Bounds how late
    /// such a message arrives.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Test hook only (default 0): how long each announcement batch waits between its commits and its send, so a
    /// fault test can kill a replica inside that window.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan HoldBeforeSend { get; set; } = TimeSpan.Zero;
}
