using Microsoft.AspNetCore.SignalR.Client;

namespace Squadra.Client.Realtime;

/// <summary>Quick retries first, then every five seconds for as long as the session lasts: a live channel never gives up.</summary>
public sealed class ReconnectDelays : IRetryPolicy
{
    static readonly TimeSpan[] s_first = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public static TimeSpan After(long failedAttempts) =>
        failedAttempts < s_first.Length ? s_first[failedAttempts] : TimeSpan.FromSeconds(5);

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => After(retryContext.PreviousRetryCount);
}
