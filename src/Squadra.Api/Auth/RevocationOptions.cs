using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Auth;

/// <summary>How each replica keeps its copy of the revoked tokens current (docs/decisions/0005-revoked-tokens-in-memory.md).</summary>
internal sealed class RevocationOptions
{
    public const string Section = "Auth:Revocation";

    /// <summary>How often each replica reads the revocations committed since its last look, whichever replica made them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after the start of its last successful poll the copy is trusted. Past that, each
    /// request asks the database again: a token stays accepted after a logout for at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(5);
}
