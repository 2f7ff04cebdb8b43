using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.EmailDigest;

/// <summary>Configuration section <c>Email:Digest</c>: when unread mentions, DMs and events go out as one email.</summary>
internal sealed class EmailDigestOptions
{
    public const string Section = "Email:Digest";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a notification stays unread before it goes in a digest: read by then (on any device), it never does.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the replicas look for users with something to digest.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}
