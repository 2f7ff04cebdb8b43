using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Push;

/// <summary>Configuration section <c>Push</c>: the VAPID keys, what endpoints are accepted, and how the outbox is drained.</summary>
internal sealed class PushOptions : IValidatableObject
{
    public const string Section = "Push";

    /// <summary>Without keys push is off: no public key, no subscriptions, nothing queued (a deployment that has not set it up).</summary>
    public VapidOptions Vapid { get; set; } = new();

    /// <summary>Off: messages are kept in the outbox and nothing is sent (as <c>Email:Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Accepts <c>http://</c> endpoints: the tests' own push service on 127.0.0.1. Never in production.</summary>
    public bool AllowInsecureEndpoints { get; set; }

    [Range(1, 100)]
    public int MaxSubscriptionsPerUser { get; set; } = 10;

    /// <summary>How long a push service keeps a message for a browser that is offline (its TTL header).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "28.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the sender looks for due messages when none was just sent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a message claimed by a sender stays its own (see EmailOptions.ClaimLease: a repeat after a crash is possible).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrEmpty(Vapid.PublicKey) || !string.IsNullOrEmpty(Vapid.PrivateKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        IsConfigured && Vapid.Problem() is { } problem ? [new ValidationResult(problem, [nameof(Vapid)])] : [];
}
