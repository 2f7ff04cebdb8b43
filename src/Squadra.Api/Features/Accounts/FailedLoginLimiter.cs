using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Squadra.Api.RateLimiting;

namespace Squadra.Api.Features.Accounts;

/// <summary>
/// Failed logins per username, whatever address they come from: the per-address limit alone lets a guesser
/// with many addresses try one account without end. Only failures draw from the bucket; while it is empty
/// every attempt at that username is refused, the right password included, until the window ends.
/// </summary>
internal sealed class FailedLoginLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public FailedLoginLimiter(IOptions<RateLimitOptions> options)
    {
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedLoginsPerUsername,
            Window = options.Value.FailedLoginWindow,
            QueueLimit = 0,
        };
        _failures = PartitionedRateLimiter.Create<string, string>(username => RateLimitPartition.GetFixedWindowLimiter(username, _ => window));
    }

    /// <summary>How long this username must wait before it may try again, or null when it may try now.</summary>
    public TimeSpan? WaitBeforeTrying(string username)
    {
        // Asking for no permit tells whether any is left without taking one.
        using var lease = _failures.AttemptAcquire(Key(username), permitCount: 0);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void RecordFailure(string username)
    {
        using var _ = _failures.AttemptAcquire(Key(username));
    }

    public void Dispose() => _failures.Dispose();

    // Usernames are matched case-insensitively at login.
    private static string Key(string username) => username.ToUpperInvariant();
}
