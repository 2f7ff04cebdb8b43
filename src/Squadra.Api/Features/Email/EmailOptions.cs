using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Email;

/// <summary>Configuration section <c>Email</c>: the SMTP relay and how the outbox is drained.</summary>
internal sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Off: emails are kept in the outbox and nothing is sent (a deployment without a relay).</summary>
    public bool Enabled { get; set; } = true;

    [Required]
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// The address people open Squadra at (the gateway's, as their browser sees it): the links in emails start with it.
    /// ./run.sh gives its own gateway's.
    /// </summary>
    [Required, Url]
    public string AppBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>How often the sender looks for due emails when none was just sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an email claimed by a sender stays its own: one killed mid-send leaves it claimed, and after this the
    /// next sender takes it (and may send it a second time if the relay had already accepted it: see EmailSender).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class SmtpOptions
{
    /// <summary>The relay; ./run.sh's default is its own mail catcher, smtp4dev, on 127.0.0.1:2525.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 2525;

    /// <summary><c>None</c> (a local catcher), <c>StartTls</c> (submission, 587) or <c>SslOnConnect</c> (465).</summary>
    [RegularExpression("^(None|StartTls|SslOnConnect|Auto)$")]
    public string Security { get; set; } = "None";

    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "squadra@localhost.localdomain";

    public string FromName { get; set; } = "Squadra";
}
