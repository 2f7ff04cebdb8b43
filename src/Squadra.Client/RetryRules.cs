namespace Squadra.Client;

/// <summary>When a failed call is tried again, and after how long.</summary>
public static class RetryRules
{
    static readonly TimeSpan[] s_backoff = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    /// <summary>
    /// The longest Retry-After waited out here. Longer ones (a login locked for 15 minutes, registrations from one
    /// address for an hour) go back to the caller, who tells the person rather than hanging.
    /// </summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long to wait before trying again after <paramref name="attempt"/> (0-based) failed, or null to give up.
    /// A 429 with a short Retry-After is retried whatever the method: the rate limiter refused the request before
    /// anything was done (without one, how long to wait is unknown: the caller is told). Without an answer, or with
    /// 502/503/504, only a <paramref name="repeatable"/> request is (a read, or a write with an Idempotency-Key),
    /// since the write may have happened (a 503 can come from a commit whose answer was lost), after the server's
    /// Retry-After when it gave a short one. A long Retry-After ends the retries. A 500 is a bug, not weather: never
    /// retried.
    /// </summary>
    public static TimeSpan? Delay(ApiProblem problem, bool repeatable, int attempt)
    {
        if (attempt >= s_backoff.Length || problem.RetryAfter > MaxRetryAfter)
            return null;

        return problem.Status switch
        {
            429 => problem.RetryAfter,
            0 or 502 or 503 or 504 when repeatable => problem.RetryAfter ?? s_backoff[attempt],
            _ => null,
        };
    }

    /// <summary>The answer's Retry-After (seconds or a date) as a wait from now; null without one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
}
